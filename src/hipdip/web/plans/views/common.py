"""What the plan pages share."""

from __future__ import annotations

from django.http import HttpRequest

from hipdip.web.patients.models import Patient


def is_own(request: HttpRequest, patient: Patient) -> bool:
    """Whether the signed-in user is this patient (who reads, rather than edits, the plan)."""
    return bool(request.user.pk == patient.user_id)
