"""Re-sending check-in alerts that did not reach the clinic (a broker was down, the mail
server refused), with back-off. Each attempt is counted on the check-in
(``notify_attempts``) and audited by recovery's own alert service."""

from __future__ import annotations

import datetime as dt
import itertools

from hipdip.web.recovery.models import CheckIn, NotifyStatus
from hipdip.web.recovery.services import AlertNotDelivered, checkin_alert_send

#: Minutes after the check-in at which attempt 2, 3... are due (counted from the check-in,
#: so the gaps grow: 2, 3, 10, 15, 30 ... minutes). The first attempt is the task queued
#: when the check-in was stored.
RETRY_AFTER_MINUTES = (2, 5, 15, 30, 60, 120, 240)
MAX_ATTEMPTS = len(RETRY_AFTER_MINUTES) + 1
#: A pending alert with no attempt yet is left to the task queue this long (when the broker
#: was down it never reached it).
PENDING_GRACE = dt.timedelta(minutes=1)


def next_attempt_due(checkin: CheckIn) -> dt.datetime | None:
    """When the next attempt of this alert is due, or None when it has had them all."""
    done = checkin.notify_attempts
    if done >= MAX_ATTEMPTS:
        return None
    if done == 0:
        return checkin.submitted_at + PENDING_GRACE
    return checkin.submitted_at + dt.timedelta(minutes=RETRY_AFTER_MINUTES[done - 1])


def alerts_resend_run(*, now: dt.datetime) -> dict[str, int]:
    """Try again every undelivered, unacknowledged alert whose back-off has passed."""
    counts = {"sent": 0, "failed": 0}
    rows = CheckIn.objects.filter(
        notify_status__in=(NotifyStatus.PENDING, NotifyStatus.FAILED),
        acknowledged_at__isnull=True,
        notify_attempts__lt=MAX_ATTEMPTS,
        submitted_at__lte=now - PENDING_GRACE,
    ).only("pk", "submitted_at", "notify_attempts", "notify_status")
    for checkin in itertools.islice(rows.iterator(), 500):
        due = next_attempt_due(checkin)
        if due is None or due > now:
            continue
        try:
            checkin_alert_send(checkin_id=checkin.pk)
        except AlertNotDelivered:
            counts["failed"] += 1
        else:
            counts["sent"] += 1
    return counts
