"""Demo data for appointments (called by ``hipdip demo``; safe to run again).

The surgeon sees people on weekday mornings and the coordinator on weekday afternoons
(the clinic's time zone), and three visits are booked in the coming days (a consultation
for patient2, a follow-up for patient3, a training review for patient1), all through the
services, so they are checked and audited like real bookings. A clinic whose staff
already have hours is left as it is.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.appointments import services
from hipdip.web.appointments.models import WeeklyHours
from hipdip.web.appointments.selectors import type_by_key
from hipdip.web.appointments.slots import free_slots
from hipdip.web.patients.models import Patient

#: (staff email, first hour, last hour) of the usual weekday hours.
HOURS = (
    ("surgeon@example.com", dt.time(9), dt.time(12, 30)),
    ("coordinator@example.com", dt.time(13, 30), dt.time(17)),
)
#: (patient email, visit type, staff email, days ahead at the earliest).
VISITS = (
    ("patient2@example.com", "consultation", "surgeon@example.com", 3),
    ("patient3@example.com", "followup_day_14", "coordinator@example.com", 2),
    ("patient1@example.com", "training_review", "coordinator@example.com", 6),
)


def demo_appointments(*, patients: dict[str, Patient], staff: dict[str, User]) -> None:
    admin = staff["admin@example.com"]
    clinic = admin.clinic
    assert clinic is not None
    if WeeklyHours.objects.filter(clinic=clinic).exists():
        return
    actor = Actor(user=admin, channel="cli")
    for email, start, end in HOURS:
        for weekday in range(5):
            services.weekly_hours_add(
                actor=actor, staff=staff[email], weekday=weekday, start_time=start, end_time=end
            )
    booker = Actor(user=staff["coordinator@example.com"], channel="cli")
    today = timezone.now().date()
    for email, key, staff_email, days in VISITS:
        t = type_by_key(clinic, key)
        if t is None or email not in patients:
            continue
        first = today + dt.timedelta(days=days)
        slots = free_slots(
            clinic=clinic,
            appointment_type=t,
            first=first,
            last=first + dt.timedelta(days=7),
            staff=staff[staff_email],
            patient=patients[email],
        )
        if slots:
            services.appointment_book(
                actor=booker,
                patient=patients[email],
                appointment_type=t,
                staff=staff[staff_email],
                start=slots[min(2, len(slots) - 1)].start,
            )
