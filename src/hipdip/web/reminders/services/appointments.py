"""Appointment reminders to the patient: the day before and two hours before. The message
gives the day and time only, not the kind of visit."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hipdip.web.accounts.models import Clinic
from hipdip.web.appointments.models import Appointment
from hipdip.web.appointments.selectors import appointments_between
from hipdip.web.clinic.selectors import default_timezone_for
from hipdip.web.notifications.services import notify
from hipdip.web.reminders.services.common import site_link

#: The day-before reminder goes in the 24 hours before the start, the two-hour one in the
#: last two hours; a visit booked less than two hours ahead gets the two-hour one only. A
#: job that was down for a while still sends a reminder later in its window, never after
#: the start.
DAY_BEFORE = dt.timedelta(hours=24)
TWO_HOURS = dt.timedelta(hours=2)


def appointment_reminders_run(*, now: dt.datetime) -> int:
    """Send each due reminder once. The dedupe key holds the start, so a visit that is
    moved is reminded of again at its new time. Returns the reminders sent."""
    sent = 0
    for clinic in Clinic.objects.all():
        zone = ZoneInfo(default_timezone_for(clinic))
        for appt in appointments_between(clinic=clinic, start=now, end=now + DAY_BEFORE):
            window = "two_hours" if appt.start - now <= TWO_HOURS else "day_before"
            sent += _remind(appt, window=window, zone=zone, now=now)
    return sent


def _remind(appt: Appointment, *, window: str, zone: ZoneInfo, now: dt.datetime) -> int:
    patient = appt.patient
    when = appt.start.astimezone(zone)
    today = now.astimezone(zone).date()
    if when.date() == today:
        day = "today"
    elif when.date() == today + dt.timedelta(days=1):
        day = "tomorrow"
    else:
        day = f"on {when:%A} {when.day} {when:%B}"
    deliveries = notify(
        recipient=patient.user,
        kind="appointment_reminder",
        subject=f"Reminder: your appointment {day} at {when:%H:%M}",
        text=f"A reminder from {appt.clinic.name}: you have an appointment {day} at {when:%H:%M}.",
        link=site_link("patients:detail", patient_id=patient.pk),
        dedupe_key=f"appointment:{appt.pk}:{appt.start.isoformat()}:{window}",
        now=now,
    )
    return int(any(d.created_at == now for d in deliveries))
