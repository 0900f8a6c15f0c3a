"""Reading patient records: lists and searches for staff, the timeline of one patient."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Q, QuerySet

from hipdip.web.accounts.models import User
from hipdip.web.patients.models import Patient, PatientHeight


def patient_list(*, visible: QuerySet[Patient], search: str = "") -> QuerySet[Patient]:
    """`visible` (from the access helper) narrowed by a name or email search, with the
    number of photo sessions and the date of the latest one."""
    qs = visible.select_related("user", "clinic").annotate(
        session_count=Count("photo_sessions", distinct=True),
        last_session_on=Max("photo_sessions__taken_on"),
    )
    term = search.strip()[:100]
    if term:
        qs = qs.filter(Q(user__email__icontains=term) | Q(user__full_name__icontains=term))
    return qs.order_by("user__full_name", "user__email")


def patient_of_user(user: User) -> Patient | None:
    """The patient record of a signed-in patient."""
    if not user.is_authenticated or not user.is_patient:
        return None
    return Patient.objects.select_related("user", "clinic").filter(user=user).first()


def current_height(patient: Patient) -> PatientHeight | None:
    """The patient's height: the latest confirmed entry of their height history."""
    return (
        PatientHeight.objects.filter(patient=patient, confirmed=True)
        .select_related("recorded_by")
        .order_by("-recorded_at")
        .first()
    )


def height_history(patient: Patient) -> QuerySet[PatientHeight]:
    """Every height entry of the patient, newest first."""
    return PatientHeight.objects.filter(patient=patient).select_related("recorded_by")


def height_to_compare(patient: Patient, *, session_id: Any, as_of: dt.datetime) -> Decimal | None:
    """The recorded height a photo session is checked against: the latest confirmed entry
    from before the session (not its own), else the first confirmed one after it (a
    questionnaire filled in after the photos)."""
    others = PatientHeight.objects.filter(patient=patient, confirmed=True).exclude(
        session_id=session_id
    )
    before = others.filter(recorded_at__lte=as_of).order_by("-recorded_at").first()
    entry = before or others.order_by("recorded_at").first()
    return entry.height_cm if entry is not None else None
