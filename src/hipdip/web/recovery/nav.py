"""Navigation entries for recovery, training and the exercise library (added to the main
menu by ``hipdip.web.navigation.navigation``)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from hipdip.web.recovery.models import RecoveryCourse
from hipdip.web.recovery.selectors import open_alert_count


def care_nav_items(user: Any) -> list[tuple[str, str, str]]:
    """(key, label, href) entries; the key is the URL namespace that marks it active."""
    items: list[tuple[str, str, str]] = []
    if user is None or not user.is_authenticated:
        return [("exercises", "Exercises", reverse("exercises:catalogue"))]
    if user.is_clinic_staff and user.clinic is not None:
        waiting = open_alert_count(user.clinic)
        label = f"Check-ins ({waiting})" if waiting else "Check-ins"
        return [("recovery", label, reverse("recovery:dashboard"))]
    if user.is_patient:
        patient = getattr(user, "patient", None)
        if patient is not None:
            if RecoveryCourse.objects.filter(patient=patient).exists():
                items.append(
                    ("recovery", "Recovery", reverse("recovery:recovery", args=[patient.pk]))
                )
            items.append(("training", "Training", reverse("training:training", args=[patient.pk])))
    items.append(("exercises", "Exercises", reverse("exercises:catalogue")))
    return items
