"""The reminder jobs as Celery tasks, run on the schedule stored in the database
(django-celery-beat's periodic tasks; see ``migrations/0002_periodic_tasks``)."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.db import InterfaceError, OperationalError

from hipdip.web.reminders import services


@shared_task(  # type: ignore[untyped-decorator]
    name="reminders.run_job",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=5,
    max_retries=3,
    ignore_result=True,
)
def reminders_job_task(job: str) -> Any:
    """Run one reminder job (by name, see ``services.JOBS``) for the present moment."""
    from django.utils import timezone

    return services.JOBS[job](now=timezone.now())
