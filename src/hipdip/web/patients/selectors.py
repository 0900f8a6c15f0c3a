"""Reading patient records: lists and searches for staff, the timeline of one patient."""

from __future__ import annotations

from django.db.models import Count, Max, Q, QuerySet

from hipdip.web.accounts.models import User
from hipdip.web.patients.models import Patient


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
