"""Reading photo sessions and measurements."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

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


def measured_depths_of_patient(*, patient: Patient) -> QuerySet[Photo]:
    """The measured photos of :func:`measured_photos_of_patient` without the stored analysis
    (its outlines are most of a row and slow to decode): for the charts and summaries that
    read only the depth columns, the view and the session."""
    return measured_photos_of_patient(patient=patient).defer("assessment_data")


def session_is_pending(session: PhotoSession) -> bool:
    return any(p.status == Status.PENDING for p in session.photos.all())


def stuck_pending(*, now: dt.datetime | None = None) -> Q:
    """Pending photos with no progress for HIPDIP_STALE_PENDING_SECONDS: taken by a worker
    that has since died (started long ago), or never taken (queued long ago: the broker
    lost or never got the message)."""
    limit = (now or timezone.now()) - dt.timedelta(seconds=settings.HIPDIP_STALE_PENDING_SECONDS)
    return Q(status=Status.PENDING) & (
        Q(started_at__lt=limit) | Q(started_at__isnull=True, queued_at__lt=limit)
    )


def photo_is_stuck(photo: Photo, *, now: dt.datetime | None = None) -> bool:
    """The same test as :func:`stuck_pending`, for a photo in hand."""
    if photo.status != Status.PENDING:
        return False
    limit = (now or timezone.now()) - dt.timedelta(seconds=settings.HIPDIP_STALE_PENDING_SECONDS)
    return (photo.started_at or photo.queued_at) < limit
