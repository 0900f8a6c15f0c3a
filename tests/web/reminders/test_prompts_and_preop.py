"""Daily check-in prompts and pre-op hold reminders, with an injected now."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from hipdip.web.clinic.models import ClinicCareSettings
from hipdip.web.notifications.models import Delivery, NotificationPreference
from hipdip.web.reminders.services import checkin_prompts_run, preop_reminders_run

from ..consultations.helpers import measured_session, saved_plan, submitted_intake
from ..factories import ClinicFactory, PatientFactory, StaffFactory
from ..recovery.factories import RecoveryCourseFactory, make_checkin

pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour: int, zone: str = "UTC") -> dt.datetime:
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=ZoneInfo(zone))


@pytest.fixture
def course() -> Any:
    return RecoveryCourseFactory(
        procedure_date=timezone.localdate() - dt.timedelta(days=5), timezone="Asia/Tokyo"
    )


def test_a_prompt_goes_once_a_day_in_the_patients_morning(course: Any) -> None:
    day = course.procedure_date + dt.timedelta(days=5)
    assert checkin_prompts_run(now=_at(day, 7, "Asia/Tokyo")) == 0  # before 9:00 there
    assert checkin_prompts_run(now=_at(day, 10, "Asia/Tokyo")) == 1
    assert checkin_prompts_run(now=_at(day, 15, "Asia/Tokyo")) == 0  # not twice
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [course.patient.user.email]
    assert f"/patients/{course.patient.pk}/checkins/new/" in mail.outbox[0].body
    assert checkin_prompts_run(now=_at(day + dt.timedelta(days=1), 10, "Asia/Tokyo")) == 1


def test_no_prompt_after_todays_checkin_or_during_quiet_hours(course: Any) -> None:
    now = timezone.now()
    make_checkin(course, at=now)
    assert checkin_prompts_run(now=now) == 0
    NotificationPreference.objects.create(
        user=course.patient.user,
        quiet_start=dt.time(9, 0),
        quiet_end=dt.time(12, 0),
        timezone="Asia/Tokyo",
    )
    day = course.procedure_date + dt.timedelta(days=8)
    assert checkin_prompts_run(now=_at(day, 10, "Asia/Tokyo")) == 0
    assert Delivery.objects.count() == 0
    assert checkin_prompts_run(now=_at(day, 12, "Asia/Tokyo")) == 1


def test_no_prompt_on_the_day_of_surgery_or_after_the_compression_period(course: Any) -> None:
    assert checkin_prompts_run(now=_at(course.procedure_date, 10, "Asia/Tokyo")) == 0
    late = course.procedure_date + dt.timedelta(days=43)  # compression_days is 42
    assert checkin_prompts_run(now=_at(late, 10, "Asia/Tokyo")) == 0


def test_preop_reminder_on_the_day_a_hold_starts_without_naming_the_medicine() -> None:
    clinic = ClinicFactory()
    ClinicCareSettings.objects.create(clinic=clinic, default_timezone="Europe/London")
    patient = PatientFactory(clinic=clinic)
    coordinator = StaffFactory(clinic=clinic)
    measured_session(patient, left=7.4, right=5.1)
    submitted_intake(patient, patient.user)
    surgery = timezone.localdate() + dt.timedelta(days=30)
    saved_plan(patient, coordinator, surgery_date=surgery)
    fish_day = surgery - dt.timedelta(days=14)  # fish oil: 14 days (see the plans tests)

    assert preop_reminders_run(now=_at(fish_day - dt.timedelta(days=1), 10, "Europe/London")) == 0
    assert preop_reminders_run(now=_at(fish_day, 8, "Europe/London")) == 0  # before 9:00
    assert preop_reminders_run(now=_at(fish_day, 10, "Europe/London")) == 1
    assert preop_reminders_run(now=_at(fish_day, 11, "Europe/London")) == 0
    [message] = mail.outbox
    assert "fish" not in (message.subject + message.body).lower()
    assert f"/patients/{patient.pk}/preop/" in message.body
