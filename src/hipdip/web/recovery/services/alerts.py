"""Alerts to the clinic about urgent and emergency check-ins: queued once the check-in is
committed, delivered by the configured notifiers, recorded on the check-in and audited."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.audit.models import Outcome
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.selectors import alert_addresses_for
from hipdip.web.recovery.models import CheckIn, NotifyStatus
from hipdip.web.recovery.notify import AlertMessage, get_notifiers

logger = logging.getLogger(__name__)


class AlertNotDelivered(Exception):
    """Every notifier failed; the task retries."""


def checkin_alert_send(*, checkin_id: Any) -> CheckIn | None:
    """Notify the clinic of an alert (the body of the background task). A check-in whose
    alert was already sent is left alone, so a repeated task sends nothing twice."""
    checkin = (
        CheckIn.objects.select_related("course__patient__user", "course__patient__clinic")
        .filter(pk=checkin_id)
        .first()
    )
    if checkin is None or checkin.notify_status not in (NotifyStatus.PENDING, NotifyStatus.FAILED):
        return checkin
    message = _alert_message(checkin)
    errors = []
    for notifier in get_notifiers():
        try:
            notifier.send(message)
        except Exception as exc:  # a notifier's failure must not stop the others
            logger.warning("alert notifier %s failed for check-in %s", notifier.name, checkin.pk)
            errors.append(f"{notifier.name}: {type(exc).__name__}")
    status = NotifyStatus.FAILED if errors else NotifyStatus.SENT
    CheckIn.objects.filter(pk=checkin.pk).update(
        notify_status=status,
        notify_attempts=checkin.notify_attempts + 1,
        notified_at=timezone.now() if not errors else checkin.notified_at,
        notify_error="; ".join(errors)[:200],
    )
    audit_record(
        actor=Actor.system("task"),
        action="checkin.alert",
        patient=checkin.course.patient,
        target=checkin,
        outcome=Outcome.FAILED if errors else Outcome.OK,
        detail={"level": checkin.level, "recipients": len(message.recipients)},
    )
    checkin.refresh_from_db()
    if errors:
        raise AlertNotDelivered("; ".join(errors))
    return checkin


def alerts_pending() -> list[str]:
    """Ids of alerts still waiting to be delivered (for a periodic re-send)."""
    return [
        str(pk)
        for pk in CheckIn.objects.filter(
            notify_status__in=(NotifyStatus.PENDING, NotifyStatus.FAILED),
            acknowledged_at__isnull=True,
        ).values_list("pk", flat=True)
    ]


def queue_alert(checkin: CheckIn) -> None:
    """Queue the notification once the check-in is committed. `robust`: a broker that is
    down must never turn the patient's answer into an error; the alert stays pending,
    shows on the staff dashboard, and ``hipdip manage recovery_send_alerts`` sends it."""
    from hipdip.web.recovery.tasks import checkin_alert_task

    checkin_id = str(checkin.pk)
    transaction.on_commit(lambda: checkin_alert_task.delay(checkin_id), robust=True)


def _alert_message(checkin: CheckIn) -> AlertMessage:
    patient = checkin.course.patient
    clinic = patient.clinic
    return AlertMessage(
        checkin_id=str(checkin.pk),
        level=checkin.level,
        patient_name=patient.full_name or patient.email,
        clinic_name=clinic.name if clinic else "",
        day=checkin.day,
        url=settings.HIPDIP_SITE_URL.rstrip("/")
        + reverse("recovery:checkin", kwargs={"checkin_id": checkin.pk}),
        recipients=tuple(_recipients(clinic)),
    )


def _recipients(clinic: Any) -> list[str]:
    if clinic is None:
        return []
    own = alert_addresses_for(clinic)
    if own:
        return own
    return list(
        User.objects.filter(
            clinic=clinic, is_active=True, role__in=("coordinator", "surgeon")
        ).values_list("email", flat=True)
    )
