"""The demo clinic has a waiting alert that escalates once its time is up."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from hipdip.web.accounts.models import Role
from hipdip.web.demo.reminders import demo_reminders
from hipdip.web.recovery.models import CheckIn
from hipdip.web.reminders.services import escalations_run

from ..factories import ClinicFactory, PatientFactory, StaffFactory
from ..recovery.factories import RecoveryCourseFactory

pytestmark = pytest.mark.django_db


def test_the_demo_alert_is_pending_then_escalates_to_the_demo_surgeon_once() -> None:
    clinic = ClinicFactory()
    surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON, email="surgeon@example.com")
    course = RecoveryCourseFactory(patient=PatientFactory(clinic=clinic))
    args = {
        "patients": {"patient3@example.com": course.patient},
        "staff": {"surgeon@example.com": surgeon},
    }
    demo_reminders(**args)
    demo_reminders(**args)  # again: nothing added twice
    [alert] = CheckIn.objects.filter(level="urgent")
    assert alert.acknowledged_at is None
    now = timezone.now()
    assert escalations_run(now=now) == 0
    assert escalations_run(now=now + dt.timedelta(minutes=21)) == 1
    assert [m.to for m in mail.outbox] == [["surgeon@example.com"]]
