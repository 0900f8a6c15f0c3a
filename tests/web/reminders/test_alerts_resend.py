"""Re-sending check-in alerts that did not go out, with back-off and counted attempts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from hipdip.web.recovery.models import CheckIn, NotifyStatus
from hipdip.web.reminders.services import alerts_resend_run

from ..factories import ClinicFactory, PatientFactory, StaffFactory
from ..recovery.factories import RecoveryCourseFactory, make_checkin

pytestmark = pytest.mark.django_db

NONE = {"sent": 0, "failed": 0}


def test_an_undelivered_alert_is_sent_again_with_back_off_and_counted(settings) -> None:  # type: ignore[no-untyped-def]
    clinic = ClinicFactory()
    StaffFactory(clinic=clinic)
    course = RecoveryCourseFactory(patient=PatientFactory(clinic=clinic))
    t0 = timezone.now() - dt.timedelta(hours=3)
    # Stored, but its task never ran (the broker was down): pending, no attempt yet.
    checkin = make_checkin(course, at=t0, temperature_c=38.6, notify=True)
    assert (checkin.notify_status, checkin.notify_attempts) == (NotifyStatus.PENDING, 0)

    settings.EMAIL_BACKEND = "hipdip.web.notifications.testing.FailingEmailBackend"
    assert alerts_resend_run(now=t0 + dt.timedelta(seconds=30)) == NONE
    assert alerts_resend_run(now=t0 + dt.timedelta(minutes=1)) == {"sent": 0, "failed": 1}
    assert alerts_resend_run(now=t0 + dt.timedelta(minutes=1, seconds=30)) == NONE
    assert alerts_resend_run(now=t0 + dt.timedelta(minutes=2)) == {"sent": 0, "failed": 1}
    checkin.refresh_from_db()
    assert (checkin.notify_status, checkin.notify_attempts) == (NotifyStatus.FAILED, 2)
    assert alerts_resend_run(now=t0 + dt.timedelta(minutes=4)) == NONE

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert alerts_resend_run(now=t0 + dt.timedelta(minutes=5)) == {"sent": 1, "failed": 0}
    checkin = CheckIn.objects.get(pk=checkin.pk)
    assert (checkin.notify_status, checkin.notify_attempts) == (NotifyStatus.SENT, 3)
    assert len(mail.outbox) == 1
    assert alerts_resend_run(now=t0 + dt.timedelta(minutes=60)) == NONE


def test_an_alert_stops_being_retried_after_the_last_attempt(settings) -> None:  # type: ignore[no-untyped-def]
    clinic = ClinicFactory()
    StaffFactory(clinic=clinic)
    course = RecoveryCourseFactory(patient=PatientFactory(clinic=clinic))
    t0 = timezone.now() - dt.timedelta(hours=6)
    checkin = make_checkin(course, at=t0, temperature_c=38.6, notify=True)
    settings.EMAIL_BACKEND = "hipdip.web.notifications.testing.FailingEmailBackend"
    for minutes in range(0, 300, 1):
        alerts_resend_run(now=t0 + dt.timedelta(minutes=minutes))
    checkin.refresh_from_db()
    assert checkin.notify_attempts == 8
    assert checkin.notify_status == NotifyStatus.FAILED
