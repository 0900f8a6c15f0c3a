"""Background work for photos. Tasks take ids and call a service; retries live here."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.db import InterfaceError, OperationalError

from hipdip.web.assessments.services import analysis


@shared_task(  # type: ignore[untyped-decorator]
    name="photos.analyse",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
    acks_late=True,
    reject_on_worker_lost=True,
)
def photo_analyse_task(photo_id: str) -> dict[str, Any]:
    """Analyse one photo. Database hiccups are retried; photo problems are results."""
    photo = analysis.photo_analyse(photo_id=photo_id)
    return {"photo": photo_id, "status": None if photo is None else photo.status}
