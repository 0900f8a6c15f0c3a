"""Writes: a surgeon approves a comparison for the public gallery, or withdraws it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.roles import require_surgeon
from hipdip.web.assessments.models import ConsentScope, GalleryConsent, PhotoSession
from hipdip.web.assessments.selectors.comparisons import comparison_between
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import Conflict, DomainError
from hipdip.web.results.models import ResultPublication


def result_publish(
    *, actor: Actor, before: PhotoSession, after: PhotoSession, view: str
) -> ResultPublication:
    """Approve the comparison of two of a patient's sessions for /results/. Only a surgeon
    of the patient's clinic, only with an active public gallery consent, only when the two
    photos can be compared."""
    clinic = require_surgeon(actor)
    patient = before.patient
    if patient.clinic_id != clinic.pk or after.patient_id != patient.pk:
        raise PermissionDenied("Only the patient's own clinic can publish their results.")
    if not GalleryConsent.objects.filter(
        patient=patient, scope=ConsentScope.PUBLIC, revoked_at__isnull=True
    ).exists():
        raise DomainError(
            "The patient has not consented to public gallery use.", code="consent_missing"
        )
    if after.taken_on <= before.taken_on:
        raise DomainError("The 'after' session must be later than the 'before' one.")
    comparison_between(before=before, after=after, view=view)  # refuses what cannot compare
    if ResultPublication.objects.filter(
        before=before, after=after, view=view, withdrawn_at__isnull=True
    ).exists():
        raise Conflict("This comparison is already published.")
    with transaction.atomic():
        publication = ResultPublication.objects.create(
            patient=patient, before=before, after=after, view=view, approved_by=actor.user
        )
        audit_record(actor=actor, action="result.publish", patient=patient, target=publication)
    return publication


def result_withdraw(*, actor: Actor, publication: ResultPublication) -> ResultPublication:
    clinic = require_surgeon(actor)
    if publication.patient.clinic_id != clinic.pk:
        raise PermissionDenied("Only the patient's own clinic can withdraw their results.")
    with transaction.atomic():
        publication.withdrawn_at = timezone.now()
        publication.save(update_fields=["withdrawn_at"])
        audit_record(
            actor=actor, action="result.withdraw", patient=publication.patient, target=publication
        )
    return publication
