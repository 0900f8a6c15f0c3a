"""Reads: a patient's gallery consents."""

from __future__ import annotations

from django.db.models import QuerySet

from hipdip.web.assessments.models import GalleryConsent
from hipdip.web.patients.models import Patient


def gallery_consents(patient: Patient) -> QuerySet[GalleryConsent]:
    return GalleryConsent.objects.filter(patient=patient).select_related(
        "recorded_by", "revoked_by"
    )


def active_gallery_consents(patient: Patient) -> list[GalleryConsent]:
    return list(gallery_consents(patient).filter(revoked_at__isnull=True))
