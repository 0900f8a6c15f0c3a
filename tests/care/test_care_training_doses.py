"""Every prescription's unit fits its exercise: strength in sets x reps, holds in seconds,
jumping intervals in rounds x seconds, walking and marching in minutes (never "Brisk walk
4 rounds x 25 s"). Checked over every programme the generator can make."""

from datetime import date, timedelta
from itertools import product

import pytest

from hipdip.care._progression import Dose, dose_for
from hipdip.care.exercises import CATALOGUE, Category, Dosing, Equipment, Impact, Level
from hipdip.care.settings import ClinicSettings
from hipdip.care.training import Goal, PostOpClearance, generate_programme

START = date(2025, 1, 6)
KITS = (frozenset(), frozenset({Equipment.BAND}), frozenset(Equipment))
CLEARANCES = (None, PostOpClearance(procedure_date=START - timedelta(days=30), cleared_on=START))


def every_programme():
    for goal, level, kit, days, clearance, jumping in product(
        Goal, Level, KITS, (2, 3, 4, 5, 6), CLEARANCES, (True, False)
    ):
        if goal is Goal.MAINTAIN_AFTER_SURGERY and clearance is None:
            continue
        yield generate_programme(
            goal=goal,
            level=level,
            equipment=kit,
            days_per_week=days,
            weeks=12,
            start_date=START,
            settings=ClinicSettings(),
            clearance=clearance,
            allow_high_impact=jumping,
        )


def assert_unit_fits(d: Dose) -> None:
    e = CATALOGUE[d.exercise]
    assert d.dosing is e.dosing, d
    if d.dosing is Dosing.REPS:
        assert e.category is Category.STRENGTH
        assert d.reps and d.work_s is None and d.text == f"{d.sets} × {d.reps}"
    elif d.dosing is Dosing.HOLD:
        assert d.reps is None and d.work_s and 10 <= d.work_s <= 120
        assert d.text.endswith(" s hold")
    elif d.dosing is Dosing.INTERVALS:
        assert e.category is Category.CARDIO and e.impact is Impact.HIGH
        assert d.reps is None and d.work_s and d.work_s <= 60 and d.rest_s > 0
        assert "rounds" in d.text
    else:
        assert e.category is Category.CARDIO
        assert d.sets == 1 and d.reps is None and d.rest_s == 0
        assert d.work_s and d.work_s % 60 == 0 and 5 <= d.work_s // 60 <= 60
        assert d.text == f"{d.work_s // 60} min" and "rounds" not in d.text


def test_every_prescription_of_every_programme_is_in_the_unit_of_its_exercise():
    seen: set[Dosing] = set()
    count = 0
    for programme in every_programme():
        for session in programme.sessions:
            for block in session.blocks:
                for d in block.items:
                    assert_unit_fits(d)
                    seen.add(d.dosing)
                    count += 1
    assert count > 1000 and {Dosing.REPS, Dosing.INTERVALS, Dosing.STEADY} <= seen


def test_walking_is_prescribed_in_minutes_and_grows_week_by_week():
    walk = CATALOGUE["brisk_walk"]
    assert walk.dosing is Dosing.STEADY
    weeks = [dose_for(walk, w, Level.BEGINNER, light=False) for w in range(1, 13)]
    assert weeks[0].text == "10 min"
    assert [d.minutes for d in weeks] == sorted(d.minutes or 0 for d in weeks)
    assert dose_for(walk, 8, Level.ADVANCED, light=True).text == "10 min"


@pytest.mark.parametrize("slug", sorted(CATALOGUE))
def test_every_exercise_has_a_unit_that_fits_its_kind(slug: str) -> None:
    e = CATALOGUE[slug]
    if e.category is Category.STRENGTH:
        assert e.dosing in (Dosing.REPS, Dosing.HOLD)
    elif e.impact is Impact.HIGH:
        assert e.dosing is Dosing.INTERVALS
    else:
        assert e.dosing is Dosing.STEADY  # low-impact cardio is continuous, in minutes
    for level, week, light in product(Level, (1, 6, 12), (False, True)):
        assert_unit_fits(dose_for(e, week, level, light))


def test_a_hold_is_prescribed_in_seconds() -> None:
    import dataclasses

    plank = dataclasses.replace(CATALOGUE["glute_bridge"], dosing=Dosing.HOLD)
    d = dose_for(plank, 3, Level.INTERMEDIATE, light=False)
    assert d.text == f"{d.sets} × {d.work_s} s hold" and d.reps is None
