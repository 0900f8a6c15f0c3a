"""Appointment reminders: the day before and two hours before, to the patient."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from hipdip.web.accounts.models import Clinic
from hipdip.web.clinic.selectors import default_timezone_for
from hipdip.web.notifications.services import notify
from hipdip.web.reminders.services.common import site_link

#: (name, how long before the start) of each reminder. The day-before reminder goes in the
#: 24 hours before; the two-hour one in the last two hours. A job that is down for a while
#: still sends the reminder later in its window, never after the start.
WINDOWS = (("day_before", dt.timedelta(hours=24)), ("two_hours", dt.timedelta(hours=2)))


def _appointments_between(*, clinic: Clinic, start: dt.datetime, end: dt.datetime) -> list[Any]:
    try:
        from hipdip.web.appointments.selectors import (  # type: ignore[import-not-found]
            appointments_between,
        )
    except ImportError:  # the appointments app is not there yet
        return []
    return list(appointments_between(clinic=clinic, start=start, end=end))


def appointment_reminders_run(*, now: dt.datetime) -> int:
    """Send each due reminder once (dedupe key per appointment and window)."""
    sent = 0
    for clinic in Clinic.objects.all():
        zone = ZoneInfo(default_timezone_for(clinic))
        for name, ahead in WINDOWS:
            found: Iterable[Any] = _appointments_between(clinic=clinic, start=now, end=now + ahead)
            for appt in found:
                if name == "day_before" and appt.starts_at - now <= dt.timedelta(hours=2):
                    continue  # the two-hour reminder covers it
                sent += _remind(appt, name=name, zone=zone, now=now)
    return sent


def _remind(appt: Any, *, name: str, zone: ZoneInfo, now: dt.datetime) -> int:
    patient = appt.patient
    user = patient.user
    when = appt.starts_at.astimezone(zone)
    day = "today" if when.date() == now.astimezone(zone).date() else f"on {when:%A %-d %B}"
    deliveries = notify(
        recipient=user,
        kind="appointment_reminder",
        subject=f"Reminder: your appointment {day} at {when:%H:%M}",
        text=f"A reminder from your clinic: you have an appointment {day} at {when:%H:%M}.",
        link=site_link("patients:detail", patient_id=patient.pk),
        dedupe_key=f"appointment:{appt.pk}:{name}",
        now=now,
    )
    return int(any(d.created_at == now for d in deliveries))
