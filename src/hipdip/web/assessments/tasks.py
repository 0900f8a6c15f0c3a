"""Background work for photos. Tasks take ids and call a service; retries live here."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.db import InterfaceError, OperationalError

from hipdip.web.assessments.services import analysis, sessions
from hipdip.web.core.health import worker_heartbeat_record


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


@shared_task(name="photos.requeue_stuck", ignore_result=True)  # type: ignore[untyped-decorator]
def photos_requeue_stuck_task() -> int:
    """The periodic sweeper (Celery beat): queue stuck pending analyses again. Running it
    is also the workers' heartbeat that /health/ looks for."""
    worker_heartbeat_record()
    return sessions.photos_requeue_stuck()
