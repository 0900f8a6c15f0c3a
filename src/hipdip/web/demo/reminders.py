"""Demo data for reminders: the demo clinic's escalation settings (the demo surgeon on
call, 30 minutes) and one urgent check-in from patient 3 that nobody has acknowledged
yet, so the alert is waiting and `hipdip reminders run` escalates it once its time is up."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.patients.models import Patient
from hipdip.web.recovery import services as recovery
from hipdip.web.recovery.models import CheckIn, Level
from hipdip.web.recovery.selectors import course_of
from hipdip.web.reminders.models import EscalationSettings
from hipdip.web.reminders.services.escalations import LOOKBACK

#: How long ago the demo's waiting alert was sent (it escalates 20 minutes after the demo).
ALERT_AGE = dt.timedelta(minutes=10)


def demo_reminders(*, patients: dict[str, Patient], staff: dict[str, User]) -> None:
    """Add the escalation settings and a waiting alert if they are missing."""
    surgeon = staff["surgeon@example.com"]
    assert surgeon.clinic is not None
    EscalationSettings.objects.get_or_create(
        clinic=surgeon.clinic, defaults={"escalation_minutes": 30, "on_call": surgeon}
    )
    patient = patients["patient3@example.com"]
    course = course_of(patient)
    if course is None:
        return
    now = timezone.now()
    waiting = CheckIn.objects.filter(
        course=course,
        level__in=(Level.URGENT, Level.EMERGENCY),
        acknowledged_at__isnull=True,
        submitted_at__gte=now - LOOKBACK,
    )
    if waiting.exists():
        return
    recovery.checkin_submit(
        actor=Actor(user=patient.user, channel="cli"),
        course=course,
        data=recovery.CheckInInput(pain=4, temperature_c=38.6, swelling=2, garment_worn=True),
        at=now - ALERT_AGE,
        notify=False,
    )
