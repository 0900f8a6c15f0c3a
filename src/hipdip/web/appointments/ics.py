"""One visit as an iCalendar file (to add to any calendar app), with the same event as the
patient's private calendar feed (same UID, so the two never show it twice)."""

from __future__ import annotations

from django.utils import timezone
from icalendar import Calendar

from hipdip.web.appointments.models import Appointment
from hipdip.web.appointments.selectors import calendar_event
from hipdip.web.recovery.services import timed_event

PRODID = "-//hipdip//appointments//EN"


def appointment_ics(appt: Appointment) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add_component(timed_event(calendar_event(appt), timezone.now()))
    return bytes(cal.to_ical())
