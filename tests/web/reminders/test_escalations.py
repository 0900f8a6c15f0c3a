"""Escalation of urgent check-ins nobody acknowledged, with an injected now."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role
from hipdip.web.audit.models import AuditEvent
from hipdip.web.notifications import sms
from hipdip.web.notifications.models import Delivery, NotificationPreference
from hipdip.web.recovery import services as recovery
from hipdip.web.reminders.models import EscalationSettings
from hipdip.web.reminders.services import escalations_run, reminders_run_all

from ..factories import PASSWORD, ClinicFactory, PatientFactory, StaffFactory
from ..recovery.factories import RecoveryCourseFactory, make_checkin

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> Any:
    clinic = ClinicFactory(name="Riverside Clinic")

    class W:
        surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON, full_name="Dr Ona Call")
        other_surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON)
        coordinator = StaffFactory(clinic=clinic)
        course = RecoveryCourseFactory(patient=PatientFactory(clinic=clinic))

    W.clinic = clinic  # type: ignore[attr-defined]
    NotificationPreference.objects.create(user=W.surgeon, phone="+44 7911 123456")
    EscalationSettings.objects.create(clinic=clinic, escalation_minutes=30, on_call=W.surgeon)
    return W


def _urgent(w: Any, at: dt.datetime) -> Any:
    checkin = make_checkin(w.course, at=at, temperature_c=38.6)
    assert checkin.level == "urgent"
    mail.outbox.clear()
    return checkin


def test_an_unacknowledged_urgent_checkin_escalates_after_the_set_time_not_before(w: Any) -> None:
    t0 = timezone.now().replace(microsecond=0) - dt.timedelta(hours=1)
    checkin = _urgent(w, t0)

    assert escalations_run(now=t0 + dt.timedelta(minutes=29)) == 0
    assert mail.outbox == [] and sms.outbox == []

    assert escalations_run(now=t0 + dt.timedelta(minutes=31)) == 1
    assert [m.to for m in mail.outbox] == [[w.surgeon.email]]
    assert [t.to for t in sms.outbox] == ["+447911123456"]
    text = sms.outbox[0].text
    assert "Riverside Clinic" in text and "pain" not in text.lower()
    assert AuditEvent.objects.filter(action="checkin.escalate", object_id=str(checkin.pk)).exists()

    # Run again (or by a second runner): nothing is sent twice.
    assert escalations_run(now=t0 + dt.timedelta(minutes=45)) == 0
    assert len(mail.outbox) == 1 and len(sms.outbox) == 1


def test_an_acknowledged_checkin_is_not_escalated(w: Any) -> None:
    t0 = timezone.now() - dt.timedelta(hours=1)
    checkin = _urgent(w, t0)
    recovery.checkin_acknowledge(
        actor=Actor(user=w.coordinator, channel="web"), checkin=checkin, note=""
    )
    assert escalations_run(now=t0 + dt.timedelta(minutes=40)) == 0
    assert Delivery.objects.count() == 0


def test_the_clinics_time_is_used_and_quiet_hours_do_not_hold_an_escalation(w: Any) -> None:
    EscalationSettings.objects.filter(clinic=w.clinic).update(escalation_minutes=10)
    NotificationPreference.objects.filter(user=w.surgeon).update(
        quiet_start=dt.time(0, 0), quiet_end=dt.time(23, 59)
    )
    t0 = timezone.now() - dt.timedelta(hours=1)
    _urgent(w, t0)
    assert escalations_run(now=t0 + dt.timedelta(minutes=11)) == 1
    assert {d.status for d in Delivery.objects.all()} == {"sent"}


def test_with_nobody_on_call_every_surgeon_is_told(w: Any) -> None:
    EscalationSettings.objects.filter(clinic=w.clinic).update(on_call=None)
    t0 = timezone.now() - dt.timedelta(hours=1)
    _urgent(w, t0)
    reminders_run_all(now=t0 + dt.timedelta(minutes=31))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([w.surgeon.email, w.other_surgeon.email])


def test_the_alert_page_says_who_it_was_escalated_to(w: Any) -> None:
    t0 = timezone.now() - dt.timedelta(hours=1)
    checkin = _urgent(w, t0)
    escalations_run(now=t0 + dt.timedelta(minutes=31))
    client = Client()
    client.login(email=w.coordinator.email, password=PASSWORD)
    page = client.get(f"/checkins/{checkin.pk}/").content.decode()
    assert "Escalated to Dr Ona Call" in page
    patient = Client()
    patient.login(email=w.course.patient.user.email, password=PASSWORD)
    assert "Escalated to" not in patient.get(f"/checkins/{checkin.pk}/").content.decode()
