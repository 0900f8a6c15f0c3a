"""Background work for recovery: alert notifications. Tasks take ids and call a service;
retries live here."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from hipdip.web.recovery import services


@shared_task(  # type: ignore[untyped-decorator]
    name="recovery.checkin_alert",
    autoretry_for=(OperationalError, InterfaceError, services.AlertNotDelivered),
    retry_backoff=5,
    retry_backoff_max=300,
    max_retries=5,
    acks_late=True,
    reject_on_worker_lost=True,
)
def checkin_alert_task(checkin_id: str) -> dict[str, str | None]:
    """Tell the clinic about an urgent or emergency check-in."""
    checkin = services.checkin_alert_send(checkin_id=checkin_id)
    return {"checkin": checkin_id, "status": None if checkin is None else checkin.notify_status}
