"""Escalation: an urgent or emergency check-in nobody acknowledged within the clinic's
escalation time goes to the on-call surgeon by email and text (urgent: never deferred)."""

from __future__ import annotations

import datetime as dt
import logging

from django.db.models import Q

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Clinic, Role, User
from hipdip.web.audit.services import audit_record
from hipdip.web.notifications.models import Delivery
from hipdip.web.notifications.services import notify
from hipdip.web.recovery.models import CheckIn, Level
from hipdip.web.reminders.models import DEFAULT_ESCALATION_MINUTES, EscalationSettings
from hipdip.web.reminders.services.common import site_link

logger = logging.getLogger(__name__)

#: Alerts older than this are not escalated any more (they wait on the staff dashboard);
#: it keeps a newly switched-on escalation from paging about last month's alerts.
LOOKBACK = dt.timedelta(days=2)


def escalation_key(checkin: CheckIn) -> str:
    """The dedupe key of a check-in's escalation (also how the alert page finds it)."""
    return f"escalation:checkin:{checkin.pk}"


def escalation_settings_for(clinic: Clinic) -> EscalationSettings:
    """The clinic's escalation settings; unsaved defaults when it has none."""
    row = EscalationSettings.objects.filter(clinic=clinic).select_related("on_call").first()
    return row if row is not None else EscalationSettings(clinic=clinic)


def escalation_targets(clinic: Clinic) -> list[User]:
    """The on-call surgeon; with nobody on call, every active surgeon of the clinic."""
    row = escalation_settings_for(clinic)
    if row.on_call is not None and row.on_call.is_active:
        return [row.on_call]
    return list(User.objects.filter(clinic=clinic, role=Role.SURGEON, is_active=True))


def escalations_run(*, now: dt.datetime) -> int:
    """Escalate every overdue, unacknowledged alert once. Returns how many were escalated."""
    minutes = dict(EscalationSettings.objects.values_list("clinic_id", "escalation_minutes"))
    candidates = (
        CheckIn.objects.filter(
            level__in=(Level.URGENT, Level.EMERGENCY),
            acknowledged_at__isnull=True,
            submitted_at__gte=now - LOOKBACK,
            submitted_at__lte=now - dt.timedelta(minutes=5),
            course__patient__clinic__isnull=False,
        )
        .exclude(Q(pk__in=_already_escalated(since=now - 2 * LOOKBACK)))
        .select_related("course__patient__clinic")
    )
    escalated = 0
    for checkin in candidates:
        clinic = checkin.course.patient.clinic
        assert clinic is not None
        wait = dt.timedelta(minutes=minutes.get(clinic.pk, DEFAULT_ESCALATION_MINUTES))
        if checkin.submitted_at + wait > now:
            continue
        if checkin_escalate(checkin=checkin, clinic=clinic, waited=wait, now=now):
            escalated += 1
    return escalated


def checkin_escalate(
    *, checkin: CheckIn, clinic: Clinic, waited: dt.timedelta, now: dt.datetime
) -> bool:
    """Send the escalation of one check-in (idempotent by its key); audit it."""
    targets = escalation_targets(clinic)
    if not targets:
        logger.warning("check-in %s: no surgeon to escalate to in clinic %s", checkin.pk, clinic.pk)
        return False
    word = "Emergency" if checkin.level == Level.EMERGENCY else "Urgent"
    minutes = int(waited.total_seconds() // 60)
    link = site_link("recovery:checkin", checkin_id=checkin.pk)
    sent = []
    for person in targets:
        sent += notify(
            recipient=person,
            kind="escalation",
            subject=f"[hipdip] {word} alert not acknowledged",
            text=(
                f"{word} alert at {clinic.name}: a patient's check-in has waited over "
                f"{minutes} minutes for acknowledgement. Open it:"
            ),
            link=link,
            urgent=True,
            dedupe_key=f"{escalation_key(checkin)}:{person.pk}",
            now=now,
        )
    audit_record(
        actor=Actor.system("task"),
        action="checkin.escalate",
        patient=checkin.course.patient,
        target=checkin,
        detail={"to": [p.pk for p in targets], "deliveries": len(sent)},
    )
    return bool(sent)


def _already_escalated(*, since: dt.datetime) -> list[str]:
    keys = Delivery.objects.filter(
        dedupe_key__startswith="escalation:checkin:", created_at__gte=since
    ).values_list("dedupe_key", flat=True)
    return list({k.split(":")[2] for k in keys})
