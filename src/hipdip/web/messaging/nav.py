"""The Messages entry of the main menu, with this reader's unread count."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from hipdip.web.messaging.selectors import unread_total


def message_nav_items(user: Any) -> list[tuple[str, str, str]]:
    """(key, label, href): the clinic's inbox for staff, the own thread for a patient of a
    clinic; nothing for anyone else."""
    if user is None or not user.is_authenticated:
        return []
    if user.is_clinic_staff and user.clinic_id is not None:
        href = reverse("messaging:inbox")
    elif user.is_patient and getattr(getattr(user, "patient", None), "clinic_id", None):
        href = reverse("messaging:thread", args=[user.patient.pk])
    else:
        return []
    waiting = unread_total(user)
    return [("messaging", f"Messages ({waiting})" if waiting else "Messages", href)]
