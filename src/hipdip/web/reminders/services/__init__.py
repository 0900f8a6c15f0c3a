"""The reminder jobs (writes). Each takes ``now`` and is idempotent: a job run twice, or by
two runners at once, sends each reminder once (dedupe keys in ``notifications``)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from hipdip.web.notifications.services import deliveries_send_due
from hipdip.web.reminders.services.alerts import alerts_resend_run
from hipdip.web.reminders.services.appointments import appointment_reminders_run
from hipdip.web.reminders.services.escalations import (
    checkin_escalate,
    escalation_key,
    escalation_settings_for,
    escalations_run,
)
from hipdip.web.reminders.services.preop import preop_reminders_run
from hipdip.web.reminders.services.prompts import checkin_prompts_run
from hipdip.web.reminders.services.settings import escalation_settings_save

logger = logging.getLogger(__name__)


def _deliveries(*, now: dt.datetime) -> dict[str, int]:
    return deliveries_send_due(now=now)


#: Every job by name, in the order ``reminders_run_all`` runs them (escalations first:
#: they are the most urgent). The Celery tasks and the periodic schedule use these names.
JOBS: dict[str, Callable[..., Any]] = {
    "escalations": escalations_run,
    "alerts": alerts_resend_run,
    "deliveries": _deliveries,
    "appointments": appointment_reminders_run,
    "checkin_prompts": checkin_prompts_run,
    "preop": preop_reminders_run,
}


def reminders_run_all(*, now: dt.datetime | None = None) -> dict[str, Any]:
    """Run every job once; a job that fails is logged and the others still run."""
    now = now or timezone.now()
    results: dict[str, Any] = {}
    for name, job in JOBS.items():
        try:
            results[name] = job(now=now)
        except Exception:  # one broken job must not stop escalations or the rest
            logger.exception("reminder job %s failed", name)
            results[name] = "error"
    return results


__all__ = [
    "JOBS",
    "alerts_resend_run",
    "appointment_reminders_run",
    "checkin_escalate",
    "checkin_prompts_run",
    "escalation_key",
    "escalation_settings_for",
    "escalation_settings_save",
    "escalations_run",
    "preop_reminders_run",
    "reminders_run_all",
]
