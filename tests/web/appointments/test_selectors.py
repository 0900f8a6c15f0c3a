"""The selectors other apps build on (reminders): the next visit, a clinic's visits."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from hipdip.web.appointments.models import Appointment, Status
from hipdip.web.appointments.selectors import (
    appointments_between,
    followup_bookings,
    next_appointment,
    next_appointments,
)
from hipdip.web.appointments.services import appointment_types_ensure

from ..conftest import World
from .conftest import make_appointment

pytestmark = pytest.mark.django_db


def test_next_appointment_is_the_earliest_upcoming_booked_one(clinic_world: World) -> None:
    w = clinic_world
    now = timezone.now()
    make_appointment(w, now - dt.timedelta(days=1))
    make_appointment(w, now + dt.timedelta(days=3), status=Status.CANCELLED)
    later = make_appointment(w, now + dt.timedelta(days=5))
    soon = make_appointment(w, now + dt.timedelta(days=4))
    assert next_appointment(w.patient.patient) == soon
    soon.status = Status.CANCELLED
    soon.save()
    assert next_appointment(w.patient.patient) == later


def test_next_appointment_is_none_without_upcoming_visits(clinic_world: World) -> None:
    assert next_appointment(clinic_world.other_patient.patient) is None


def test_next_appointments_of_many_patients_agree_with_next_appointment(
    clinic_world: World,
) -> None:
    w = clinic_world
    now = timezone.now()
    other = w.other_patient.patient
    make_appointment(w, now - dt.timedelta(days=1))
    make_appointment(w, now + dt.timedelta(days=6))
    soon = make_appointment(w, now + dt.timedelta(days=4))
    make_appointment(w, now + dt.timedelta(days=2), status=Status.CANCELLED)
    theirs = make_appointment(w, now + dt.timedelta(days=9), patient=other)
    nothing_booked = w.foreign.patient
    found = next_appointments([w.patient.patient, other, nothing_booked], now=now)
    assert found == {w.patient.patient.pk: soon, other.pk: theirs}
    assert found[other.pk] == next_appointment(other, now=now)
    assert next_appointments([]) == {}


def test_appointments_between_takes_booked_visits_starting_in_the_half_open_range(
    clinic_world: World,
) -> None:
    w = clinic_world
    t0 = timezone.now().replace(microsecond=0) + dt.timedelta(days=2)
    at_start = make_appointment(w, t0)
    make_appointment(w, t0 + dt.timedelta(hours=1), status=Status.CANCELLED)
    make_appointment(w, t0 + dt.timedelta(hours=2))  # starts exactly at the end: excluded
    found = list(
        appointments_between(clinic=w.surgeon.clinic, start=t0, end=t0 + dt.timedelta(hours=2))
    )
    assert found == [at_start]
    assert found[0].type.kind == "consultation"
    other_clinic = w.foreign_staff.clinic
    assert not appointments_between(
        clinic=other_clinic, start=t0, end=t0 + dt.timedelta(hours=2)
    ).exists()


def test_a_follow_ups_booking_is_the_next_visit_of_its_type_else_the_last_held(
    clinic_world: World,
) -> None:
    w = clinic_world
    assert w.surgeon.clinic is not None
    appointment_types_ensure(clinic=w.surgeon.clinic)
    now = timezone.now()
    held = make_appointment(w, now - dt.timedelta(days=2), key="followup_day_7")
    make_appointment(w, now + dt.timedelta(days=1), key="followup_day_7", status=Status.CANCELLED)
    coming = make_appointment(w, now + dt.timedelta(days=3), key="followup_day_7")
    make_appointment(w, now + dt.timedelta(days=6), key="followup_day_7")

    def booked(day: int) -> dt.datetime | None:
        found = {b.followup_day: b for b in followup_bookings(w.patient.patient)}
        return found[day].starts_at

    assert booked(7) == coming.start and booked(14) is None
    coming.delete()
    Appointment.objects.filter(start__gt=now).delete()
    assert booked(7) == held.start
