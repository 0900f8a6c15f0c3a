"""Appointments services (writes). Split by subject; import from here."""

from hipdip.web.appointments.services.availability import (
    availability_exception_add,
    availability_exception_remove,
    weekly_hours_add,
    weekly_hours_remove,
)
from hipdip.web.appointments.services.booking import (
    BookingRefused,
    SlotTaken,
    appointment_book,
    appointment_cancel,
    appointment_move,
)
from hipdip.web.appointments.services.types import (
    TypeInvalid,
    appointment_type_add,
    appointment_type_update,
    appointment_types_ensure,
)

__all__ = [
    "BookingRefused",
    "SlotTaken",
    "TypeInvalid",
    "appointment_book",
    "appointment_cancel",
    "appointment_move",
    "appointment_type_add",
    "appointment_type_update",
    "appointment_types_ensure",
    "availability_exception_add",
    "availability_exception_remove",
    "weekly_hours_add",
    "weekly_hours_remove",
]
