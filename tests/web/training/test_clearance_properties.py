"""Property: whatever the procedure date, clearance, hold and programme options, no
training session is ever scheduled (in the app, the API or the calendar) before the
surgeon's clearance or the light-exercise milestone, and the light phase stays light.

Runs through the web layer's own path: the course as stored, ``programme_create``,
the schedule the pages read, and the calendar events."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hipdip.care.exercises import CATALOGUE, Impact
from hipdip.care.settings import ClinicSettings
from hipdip.care.training import Phase
from hipdip.web.recovery.models import RecoveryCourse
from hipdip.web.training.selectors import calendar_events, programme_schedule

from ..conftest import World
from ..recovery.factories import make_programme

pytestmark = pytest.mark.django_db

S = ClinicSettings()


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    days_since_surgery=st.integers(min_value=0, max_value=120),
    cleared_after=st.one_of(st.none(), st.integers(min_value=0, max_value=120)),
    hold=st.booleans(),
    start_offset=st.integers(min_value=-28, max_value=60),
    days_per_week=st.integers(min_value=2, max_value=6),
    weeks=st.integers(min_value=1, max_value=12),
    level=st.sampled_from(["beginner", "intermediate", "advanced"]),
    equipment=st.sets(st.sampled_from(["dumbbells", "band", "step", "bench"])),
)
def test_no_session_is_ever_scheduled_before_clearance(
    world: World,
    days_since_surgery: int,
    cleared_after: int | None,
    hold: bool,
    start_offset: int,
    days_per_week: int,
    weeks: int,
    level: str,
    equipment: set[str],
) -> None:
    today = timezone.localdate()
    procedure = today - dt.timedelta(days=days_since_surgery)
    cleared_on = None if cleared_after is None else procedure + dt.timedelta(days=cleared_after)
    RecoveryCourse.objects.update_or_create(
        patient=world.own.patient,
        defaults={
            "procedure_date": procedure,
            "timezone": "UTC",
            "training_hold": hold,
            "training_cleared_on": cleared_on,
        },
    )
    programme = make_programme(
        world.own.patient,
        goal="maintain_after_surgery",
        level=level,
        equipment=sorted(equipment),
        days_per_week=days_per_week,
        weeks=weeks,
        start_date=today + dt.timedelta(days=start_offset),
    )
    sessions = programme_schedule(programme).sessions
    events = calendar_events(world.own.patient)
    assert len(events) == len(sessions)
    if hold or cleared_on is None:
        assert sessions == ()
        return
    earliest = max(cleared_on, procedure + dt.timedelta(days=S.light_exercise_days))
    full_from = procedure + dt.timedelta(days=S.normal_activity_days)
    spare_until = procedure + dt.timedelta(days=S.no_pressure_on_grafts_days)
    for s in sessions:
        assert s.on >= earliest
        assert (s.phase is Phase.FULL) == (s.on >= full_from)
        for dose in (d for b in s.blocks for d in b.items):
            e = CATALOGUE[dose.exercise]
            if s.phase is Phase.LIGHT:
                assert e.impact is Impact.LOW and dose.load_kg is None
            if s.on <= spare_until:
                assert not e.hip_pressure
    assert all(e.on >= earliest for e in events)


def _weekly_doses(schedule: Any) -> dict[str, list[tuple[int, Any]]]:
    out: dict[str, list[tuple[int, Any]]] = {}
    for s in schedule.sessions:
        for d in (d for b in s.blocks for d in b.items):
            out.setdefault(d.exercise, []).append((s.week, d))
    return out


def test_progression_never_goes_down_for_a_training_only_programme(world: World) -> None:
    programme = make_programme(world.own.patient, weeks=12, equipment=["dumbbells", "band"])
    for doses in _weekly_doses(programme_schedule(programme)).values():
        doses.sort(key=lambda wd: wd[0])
        for (_, a), (_, b) in itertools.pairwise(doses):
            assert b.sets >= a.sets and (b.reps or 0) >= (a.reps or 0)
            assert (b.load_kg or 0) >= (a.load_kg or 0) and b.rest_s <= a.rest_s
