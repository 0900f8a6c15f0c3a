"""Appointment reminders: the day before and two hours before, each once."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from hipdip.web.appointments.models import Status
from hipdip.web.notifications.models import Delivery
from hipdip.web.reminders.services import appointment_reminders_run

from ..appointments.conftest import ZONE, clinic_world, make_appointment, weekday_ahead
from ..conftest import World

pytestmark = pytest.mark.django_db
__all__ = ["clinic_world"]


def _start() -> dt.datetime:
    return dt.datetime.combine(weekday_ahead(3), dt.time(10, 0), tzinfo=ZoneInfo(ZONE))


def test_one_reminder_the_day_before_and_one_two_hours_before(clinic_world: World) -> None:
    start = _start()
    make_appointment(clinic_world, start)
    assert appointment_reminders_run(now=start - dt.timedelta(hours=30)) == 0
    assert appointment_reminders_run(now=start - dt.timedelta(hours=23)) == 1
    assert appointment_reminders_run(now=start - dt.timedelta(hours=20)) == 0  # not twice
    [day_before] = mail.outbox
    assert day_before.to == [clinic_world.patient.email]
    assert "tomorrow at 10:00" in day_before.subject  # the clinic's time, not UTC
    assert appointment_reminders_run(now=start - dt.timedelta(hours=3)) == 0
    assert appointment_reminders_run(now=start - dt.timedelta(minutes=110)) == 1
    assert appointment_reminders_run(now=start - dt.timedelta(minutes=50)) == 0
    assert "today at 10:00" in mail.outbox[1].subject
    assert appointment_reminders_run(now=start + dt.timedelta(minutes=5)) == 0
    assert Delivery.objects.filter(kind="appointment_reminder").count() == 2


def test_a_cancelled_visit_gets_no_reminder_and_a_moved_one_is_reminded_again(
    clinic_world: World,
) -> None:
    start = _start()
    cancelled = make_appointment(clinic_world, start, status=Status.CANCELLED)
    assert appointment_reminders_run(now=start - dt.timedelta(hours=23)) == 0
    cancelled.delete()
    moved = make_appointment(clinic_world, start)
    assert appointment_reminders_run(now=start - dt.timedelta(hours=23)) == 1
    moved.start += dt.timedelta(hours=1)
    moved.end += dt.timedelta(hours=1)
    moved.save()
    assert appointment_reminders_run(now=start - dt.timedelta(hours=22)) == 1
    assert "11:00" in mail.outbox[1].subject
