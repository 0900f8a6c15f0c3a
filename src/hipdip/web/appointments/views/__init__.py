"""Appointments pages: booking and a patient's visits (``booking``), the staff calendar
and hours (``staff``)."""

from hipdip.web.appointments.views.booking import (
    appointment_ics,
    book,
    cancel,
    mine,
    move,
)
from hipdip.web.appointments.views.staff import calendar, hours, hours_remove

__all__ = [
    "appointment_ics",
    "book",
    "calendar",
    "cancel",
    "hours",
    "hours_remove",
    "mine",
    "move",
]
