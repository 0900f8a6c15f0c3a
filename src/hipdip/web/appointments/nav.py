"""Navigation entry for appointments (added to the main menu by
``hipdip.web.navigation.navigation``)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def appointment_nav_items(user: Any) -> list[tuple[str, str, str]]:
    """(key, label, href): the calendar for staff, their visits for patients of a clinic."""
    if user is None or not user.is_authenticated:
        return []
    if user.is_clinic_staff:
        return [("appointments", "Calendar", reverse("appointments:calendar"))]
    patient = getattr(user, "patient", None) if user.is_patient else None
    if patient is not None and patient.clinic_id is not None:
        return [("appointments", "Appointments", reverse("appointments:mine"))]
    return []
