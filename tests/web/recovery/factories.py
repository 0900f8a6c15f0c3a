"""Factories for recovery and training (used by these tests and the permission matrix).

Check-ins and logs are made through the services, so they carry a real triage and a
real revision history, exactly as in the app."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from hipdip.web.accounts.actor import Actor
from hipdip.web.patients.models import Patient
from hipdip.web.recovery import services as recovery
from hipdip.web.recovery.models import CheckIn, RecoveryCourse
from hipdip.web.training import services as training
from hipdip.web.training.models import Programme, WorkoutLog
from hipdip.web.training.selectors import programme_schedule

from ..factories import PatientFactory


class RecoveryCourseFactory(DjangoModelFactory):
    class Meta:
        model = RecoveryCourse

    patient = factory.SubFactory(PatientFactory)
    procedure_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    timezone = "UTC"


def make_checkin(
    course: RecoveryCourse, *, at: dt.datetime | None = None, notify: bool = False, **data: Any
) -> CheckIn:
    """A check-in sent by the patient (routine, pain 3, unless told otherwise)."""
    data.setdefault("pain", 3)
    result = recovery.checkin_submit(
        actor=Actor(user=course.patient.user, channel="web"),
        course=course,
        data=recovery.CheckInInput(**data),
        at=at,
        notify=notify,
    )
    return result.checkin


def make_programme(patient: Patient, **options: Any) -> Programme:
    """A training-only programme that started two weeks ago (3 sessions a week)."""
    defaults: dict[str, Any] = {
        "goal": "reduce_look",
        "level": "beginner",
        "equipment": [],
        "days_per_week": 3,
        "weeks": 4,
        "start_date": timezone.localdate() - dt.timedelta(days=14),
        "timezone_name": "UTC",
    }
    defaults.update(options)
    return training.programme_create(
        actor=Actor(user=patient.user, channel="web"), patient=patient, **defaults
    )


def make_log(programme: Programme, on: dt.date | None = None, **kwargs: Any) -> WorkoutLog:
    """The first past session of the programme logged as planned."""
    schedule = programme_schedule(programme)
    session = next(s for s in schedule.sessions if on is None or s.on == on)
    return training.workout_log_save(
        actor=Actor(user=programme.patient.user, channel="web"),
        programme=programme,
        session_date=session.on,
        entries=training.planned_entries(session),
        **kwargs,
    )
