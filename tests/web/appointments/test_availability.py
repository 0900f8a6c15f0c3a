"""Hours and slots: who may change whose hours, overlaps refused, partial days off, and
slots that keep their wall-clock time across a daylight-saving change."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from hipdip.web.accounts.actor import Actor
from hipdip.web.appointments import services
from hipdip.web.appointments.models import AppointmentType, WeeklyHours
from hipdip.web.appointments.slots import free_slots
from hipdip.web.core.errors import Conflict, DomainError

from ..conftest import World
from .conftest import ZONE, make_appointment

pytestmark = pytest.mark.django_db


def test_overlapping_weekly_hours_are_refused_naming_the_existing_block(
    clinic_world: World,
) -> None:
    w = clinic_world
    with pytest.raises(Conflict, match="already has hours on Tuesday 09:00-12:00"):
        services.weekly_hours_add(
            actor=Actor(w.surgeon, "web"),
            staff=w.surgeon,
            weekday=1,
            start_time=dt.time(11, 59),
            end_time=dt.time(14),
        )
    # back to back is not an overlap
    services.weekly_hours_add(
        actor=Actor(w.surgeon, "web"),
        staff=w.surgeon,
        weekday=1,
        start_time=dt.time(12),
        end_time=dt.time(14),
    )


def test_a_surgeon_cannot_change_a_colleagues_hours_nor_foreign_staff_anyones(
    clinic_world: World,
) -> None:
    w = clinic_world
    args = {"weekday": 5, "start_time": dt.time(9), "end_time": dt.time(10)}
    with pytest.raises(DomainError, match="Only a clinic admin or a coordinator"):
        services.weekly_hours_add(actor=Actor(w.surgeon, "web"), staff=w.coordinator, **args)
    with pytest.raises(DomainError, match="No such staff member"):
        services.weekly_hours_add(actor=Actor(w.foreign_staff, "web"), staff=w.surgeon, **args)
    assert not WeeklyHours.objects.filter(weekday=5).exists()


def test_hours_give_the_clinic_its_default_visit_types(clinic_world: World) -> None:
    keys = set(
        AppointmentType.objects.filter(clinic=clinic_world.surgeon.clinic).values_list(
            "key", flat=True
        )
    )
    assert {"consultation", "preop", "procedure", "training_review", "followup_day_7"} <= keys


def _starts(w: World, first: dt.date, last: dt.date) -> list[str]:
    slots = free_slots(
        clinic=w.surgeon.clinic,
        appointment_type=AppointmentType.objects.get(clinic=w.surgeon.clinic, key="preop"),
        first=first,
        last=last,
        earliest=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
    )
    return [s.start.astimezone(ZoneInfo(ZONE)).isoformat() for s in slots]


def test_slots_keep_their_local_time_across_the_spring_change(clinic_world: World) -> None:
    # Berlin moves its clocks forward on Sunday 28 March 2027.
    starts = _starts(clinic_world, dt.date(2027, 3, 26), dt.date(2027, 3, 29))
    assert starts[0] == "2027-03-26T09:00:00+01:00"
    assert "2027-03-29T09:00:00+02:00" in starts
    assert not any(s.startswith(("2027-03-27", "2027-03-28")) for s in starts)


def test_a_partial_day_off_and_a_booking_remove_just_their_time(clinic_world: World) -> None:
    w = clinic_world
    day = dt.date(2027, 3, 24)  # a Wednesday
    services.availability_exception_add(
        actor=Actor(w.coordinator, "web"),
        staff=w.surgeon,
        date=day,
        kind="off",
        start_time=dt.time(10),
        end_time=dt.time(11),
    )
    make_appointment(w, dt.datetime(2027, 3, 24, 11, tzinfo=ZoneInfo(ZONE)), minutes=30)
    # 09:00-12:00, less 10:00-11:00 off and 11:00-11:30 booked, in 30-minute visits
    assert _starts(w, day, day) == [
        "2027-03-24T09:00:00+01:00",
        "2027-03-24T09:30:00+01:00",
        "2027-03-24T11:30:00+01:00",
    ]
