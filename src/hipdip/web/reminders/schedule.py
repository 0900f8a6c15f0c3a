"""How often each reminder job runs by default: the rows the migration puts in
django-celery-beat's tables, which clinic operators may then change in the Django admin
(Periodic tasks)."""

from __future__ import annotations

#: job name -> minutes between runs.
DEFAULT_EVERY_MINUTES = {
    "escalations": 1,
    "alerts": 1,
    "deliveries": 5,
    "appointments": 10,
    "checkin_prompts": 30,
    "preop": 30,
}


def periodic_task_name(job: str) -> str:
    return f"reminders: {job}"
