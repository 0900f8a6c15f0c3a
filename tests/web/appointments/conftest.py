"""Fixtures for the appointments tests: the shared two-clinic world, its clinic in a
non-UTC zone, default visit types and weekday hours for the surgeon."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hipdip.web.accounts.actor import Actor
from hipdip.web.appointments import services
from hipdip.web.appointments.models import Appointment, AppointmentType, Status
from hipdip.web.clinic.models import ClinicCareSettings

from ..conftest import World

#: The clinic's zone in these tests: an hour ahead of UTC in winter (tests run in December).
ZONE = "Europe/Berlin"


@pytest.fixture
def clinic_world(world: World) -> World:
    """The world, with its clinic in Europe/Berlin and the surgeon seeing people on
    weekdays 09:00-12:00."""
    clinic = world.surgeon.clinic
    assert clinic is not None
    ClinicCareSettings.objects.update_or_create(clinic=clinic, defaults={"default_timezone": ZONE})
    actor = Actor(world.clinic_admin, "web")
    for weekday in range(5):
        services.weekly_hours_add(
            actor=actor,
            staff=world.surgeon,
            weekday=weekday,
            start_time=dt.time(9),
            end_time=dt.time(12),
        )
    return world


def make_appointment(
    world: World, start: dt.datetime, *, minutes: int = 45, key: str = "consultation", **kw: Any
) -> Appointment:
    """A booked visit written straight to the table (no rules checked)."""
    clinic = world.surgeon.clinic
    values: dict[str, Any] = {
        "clinic": clinic,
        "patient": world.patient.patient,
        "staff": world.surgeon,
        "type": AppointmentType.objects.get(clinic=clinic, key=key),
        "start": start,
        "end": start + dt.timedelta(minutes=minutes),
        "status": Status.BOOKED,
        **kw,
    }
    return Appointment.objects.create(**values)


def weekday_ahead(days: int = 3) -> dt.date:
    """The first Monday-to-Friday date at least `days` days from today (clinic time)."""
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    day = timezone.now().astimezone(ZoneInfo(ZONE)).date() + dt.timedelta(days=days)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """An aware datetime at `hour:minute` on `day` in the clinic's zone."""
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo(ZONE))
