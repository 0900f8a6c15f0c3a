"""Training: catalogue content, programme rules and hypothesis properties."""

import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hipdip.care.exercises import CATALOGUE, Category, Equipment, Impact, Level
from hipdip.care.settings import ClinicSettings
from hipdip.care.sources import SOURCES
from hipdip.care.training import (
    NUTRITION_AFTER_SURGERY,
    Goal,
    Phase,
    PostOpClearance,
    generate_programme,
)

SETTINGS = ClinicSettings()
MONDAY = date(2025, 1, 6)
PROPERTY = settings(derandomize=True, database=None, max_examples=150, deadline=None)


def programme(**kw):
    args = dict(
        goal=Goal.REDUCE_LOOK,
        level=Level.INTERMEDIATE,
        equipment=set(Equipment),
        days_per_week=3,
        weeks=4,
        start_date=MONDAY,
        settings=SETTINGS,
    )
    args.update(kw)
    return generate_programme(**args)


def doses(session):
    return [d for block in session.blocks for d in block.items]


def test_catalogue_has_the_brief_exercises_with_3_to_5_steps():
    for slug in (
        "squat",
        "lunge",
        "jump_squat",
        "jump_lunge",
        "dumbbell_squat",
        "deadlift",
        "side_lying_leg_raise",
        "clamshell",
        "glute_bridge",
        "lateral_band_walk",
        "step_up",
        "fire_hydrant",
        "hip_thrust",
        "curtsy_lunge",
    ):
        e = CATALOGUE[slug]
        assert 3 <= len(e.steps) <= 5 and e.muscles and e.figure
        assert e.source_id in SOURCES


def test_dumbbell_squat_uses_4_5_to_7_kg_in_each_hand_per_brief():
    assert CATALOGUE["dumbbell_squat"].load_kg == (4.5, 7.0)
    assert CATALOGUE["dumbbell_squat"].source_id == "hipdip-brief"


def test_jump_variants_are_high_impact_cardio():
    for slug in ("jump_squat", "jump_lunge"):
        assert (CATALOGUE[slug].impact, CATALOGUE[slug].category) == (Impact.HIGH, Category.CARDIO)


def test_three_days_a_week_for_four_weeks_gives_twelve_sessions_on_set_weekdays():
    p = programme()
    assert len(p.sessions) == 12
    assert {s.on.weekday() for s in p.sessions} == {0, 2, 4}


def test_beginner_gets_no_jumping_and_no_weights_it_lacks():
    p = programme(level=Level.BEGINNER, equipment=set())
    used = {d.exercise for s in p.sessions for d in doses(s)}
    assert not used & {"jump_squat", "jump_lunge", "dumbbell_squat", "lateral_band_walk"}


def test_high_impact_can_be_turned_off():
    p = programme(level=Level.ADVANCED, allow_high_impact=False)
    assert all(CATALOGUE[d.exercise].impact is Impact.LOW for s in p.sessions for d in doses(s))


def test_reduce_look_has_fat_burning_cardio_with_jumps_when_allowed():
    p = programme(level=Level.ADVANCED)
    cardio = [b for s in p.sessions for b in s.blocks if b.category is Category.CARDIO]
    assert len(cardio) == len(p.sessions)
    assert any(d.exercise.startswith("jump_") for b in cardio for d in b.items)


def test_surgeon_hold_means_no_sessions_at_all():
    hold = PostOpClearance(
        procedure_date=date(2024, 11, 1), surgeon_hold=True, cleared_on=date(2024, 12, 1)
    )
    p = programme(goal=Goal.MAINTAIN_AFTER_SURGERY, clearance=hold)
    assert p.sessions == () and p.allowed_from is None
    assert "paused" in p.notes[0]


def test_no_sessions_until_the_surgeon_clears():
    p = programme(clearance=PostOpClearance(procedure_date=date(2024, 11, 1)))
    assert p.sessions == () and "clears you" in p.notes[0]


def test_clearance_before_day_28_still_waits_for_day_28_per_clinic_recovery():
    surgery = date(2024, 12, 20)
    p = programme(
        goal=Goal.MAINTAIN_AFTER_SURGERY,
        weeks=8,
        clearance=PostOpClearance(procedure_date=surgery, cleared_on=surgery + timedelta(days=10)),
    )
    assert p.allowed_from == surgery + timedelta(days=28)
    assert min(s.on for s in p.sessions) >= surgery + timedelta(days=28)


def test_light_phase_until_day_42_then_full_per_clinic_recovery():
    surgery = date(2024, 12, 9)  # day 28 = 6 Jan
    p = programme(
        goal=Goal.MAINTAIN_AFTER_SURGERY,
        weeks=6,
        level=Level.ADVANCED,
        clearance=PostOpClearance(procedure_date=surgery, cleared_on=surgery),
    )
    for s in p.sessions:
        day = (s.on - surgery).days
        assert s.phase is (Phase.LIGHT if day < 42 else Phase.FULL)
        if s.phase is Phase.LIGHT:
            assert all(
                CATALOGUE[d.exercise].impact is Impact.LOW and d.load_kg is None for d in doses(s)
            )


def test_maintain_after_surgery_requires_clearance_information():
    with pytest.raises(ValueError, match="needs the post-op clearance"):
        programme(goal=Goal.MAINTAIN_AFTER_SURGERY)


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"days_per_week": 7}, "days_per_week must be 2-6"),
        ({"days_per_week": 1}, "days_per_week must be 2-6"),
        ({"weeks": 0}, "weeks must be 1-24"),
        ({"weeks": 25}, "weeks must be 1-24"),
        ({"equipment": {"kettlebell"}}, "unknown equipment"),
    ],
)
def test_out_of_range_options_are_rejected(kw, message):
    with pytest.raises(ValueError, match=message):
        programme(**kw)


def test_post_op_nutrition_has_no_calorie_numbers():
    p = programme(
        goal=Goal.MAINTAIN_AFTER_SURGERY,
        clearance=PostOpClearance(procedure_date=date(2024, 10, 1), cleared_on=date(2024, 11, 15)),
    )
    assert p.nutrition == NUTRITION_AFTER_SURGERY
    text = " ".join(p.nutrition).lower()
    assert not re.search(r"\d", text) and "calorie" not in text and "kcal" not in text


# --- properties -------------------------------------------------------------------------

clearances = st.none() | st.builds(
    PostOpClearance,
    procedure_date=st.dates(date(2024, 10, 1), date(2025, 3, 1)),
    surgeon_hold=st.booleans(),
    cleared_on=st.none() | st.dates(date(2024, 10, 1), date(2025, 6, 1)),
)
options = dict(
    goal=st.sampled_from(Goal),
    level=st.sampled_from(Level),
    equipment=st.frozensets(st.sampled_from(Equipment)),
    days_per_week=st.integers(2, 6),
    weeks=st.integers(1, 24),
    start_date=st.dates(date(2024, 12, 1), date(2025, 2, 1)),
    clearance=clearances,
    allow_high_impact=st.booleans(),
)


def generate(goal, clearance, **kw):
    if goal is Goal.MAINTAIN_AFTER_SURGERY and clearance is None:
        goal = Goal.REDUCE_LOOK
    return generate_programme(goal=goal, clearance=clearance, settings=SETTINGS, **kw)


@PROPERTY
@given(**options)
def test_progression_never_gets_easier_for_any_exercise(goal, clearance, **kw):
    p = generate(goal, clearance, **kw)
    last = {}
    for s in p.sessions:
        for d in doses(s):
            if d.exercise in last:
                prev = last[d.exercise]
                assert d.sets >= prev.sets
                assert (d.reps or 0) >= (prev.reps or 0)
                assert (d.work_s or 0) >= (prev.work_s or 0)
                assert (d.load_kg or 0) >= (prev.load_kg or 0)
                assert d.rest_s <= prev.rest_s
            last[d.exercise] = d


@PROPERTY
@given(**options)
def test_post_op_constraints_are_never_violated(goal, clearance, **kw):
    p = generate(goal, clearance, **kw)
    if clearance is None:
        return
    if clearance.surgeon_hold or clearance.cleared_on is None:
        assert p.sessions == ()
        return
    light_day = clearance.procedure_date + timedelta(days=SETTINGS.light_exercise_days)
    full_day = clearance.procedure_date + timedelta(days=SETTINGS.normal_activity_days)
    for s in p.sessions:
        assert s.on >= clearance.cleared_on and s.on >= light_day
        if s.on < full_day:
            assert s.phase is Phase.LIGHT
            for d in doses(s):
                e = CATALOGUE[d.exercise]
                assert (
                    e.impact is Impact.LOW
                    and d.load_kg is None
                    and not e.equipment - {Equipment.BAND, Equipment.STEP, Equipment.BENCH}
                )
        else:
            assert s.phase is Phase.FULL


@PROPERTY
@given(**options)
def test_sessions_only_on_allowed_days_with_allowed_exercises(goal, clearance, **kw):
    p = generate(goal, clearance, **kw)
    offsets = {2: {0, 3}, 3: {0, 2, 4}, 4: {0, 1, 3, 4}, 5: {0, 1, 2, 4, 5}, 6: set(range(6))}
    end = kw["start_date"] + timedelta(weeks=kw["weeks"])
    dates = [s.on for s in p.sessions]
    assert dates == sorted(set(dates))
    for s in p.sessions:
        assert kw["start_date"] <= s.on < end
        assert (s.on - kw["start_date"]).days % 7 in offsets[kw["days_per_week"]]
        assert p.allowed_from is not None and s.on >= p.allowed_from
        for d in doses(s):
            e = CATALOGUE[d.exercise]
            assert e.equipment <= kw["equipment"]
            assert e.level.rank <= kw["level"].rank
            if e.impact is Impact.HIGH:
                assert kw["allow_high_impact"] and s.phase is Phase.FULL
