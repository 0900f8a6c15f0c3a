"""Reading photo sessions and measurements."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from hipdip.web.assessments.models import Photo, PhotoSession, Status
from hipdip.web.patients.models import Patient


def photos_of_patient(*, patient: Patient) -> QuerySet[Photo]:
    """Every photo of a patient, newest session first, front before back."""
    return (
        Photo.objects.filter(session__patient=patient)
        .select_related("session")
        .order_by("-session__taken_on", "-session__created_at", "-view")
    )


def sessions_of_patient(*, patient: Patient) -> QuerySet[PhotoSession]:
    """The patient's sessions (newest first) with their photos loaded."""
    return (
        PhotoSession.objects.filter(patient=patient)
        .select_related("created_by")
        .prefetch_related(Prefetch("photos", queryset=Photo.objects.order_by("-view")))
        .order_by("-taken_on", "-created_at")
    )


def measured_photos_of_patient(*, patient: Patient) -> QuerySet[Photo]:
    """Measured photos, oldest first (the points of the depth charts)."""
    return (
        Photo.objects.filter(session__patient=patient, status=Status.DONE)
        .select_related("session")
        .order_by("session__taken_on", "session__created_at")
    )


def session_is_pending(session: PhotoSession) -> bool:
    return any(p.status == Status.PENDING for p in session.photos.all())
