"""Appointment types, staff hours, slots and bookings (issue 12)."""
