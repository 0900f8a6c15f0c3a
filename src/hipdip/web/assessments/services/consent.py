"""Writes: recording and withdrawing a patient's gallery consent."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.assessments.models import ConsentScope, GalleryConsent
from hipdip.web.assessments.rules import (
    require_consent_withdrawer,
    require_gallery_manager,
)
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import Conflict, DomainError, full_clean_or_raise
from hipdip.web.patients.models import Patient


def gallery_consent_record(
    *, actor: Actor, patient: Patient, scope: str, note: str = ""
) -> GalleryConsent:
    """Record that the patient agreed (on the signed form) to gallery use in `scope`."""
    require_gallery_manager(actor, patient, action="gallery_consent.record")
    if scope not in ConsentScope.values:
        raise DomainError(
            "Choose where the pictures may be shown.",
            code="invalid",
            details={"scope": ["Choose a valid scope."]},
        )
    consent = GalleryConsent(
        patient=patient, scope=scope, note=(note or "").strip(), recorded_by=actor.user
    )
    full_clean_or_raise(consent, exclude=["patient"])
    try:
        with transaction.atomic():
            if GalleryConsent.objects.filter(
                patient=patient, scope=scope, revoked_at__isnull=True
            ).exists():
                raise Conflict(
                    "This consent is already recorded and active.", code="consent_exists"
                )
            consent.save(force_insert=True)
            audit_record(
                actor=actor,
                action="gallery_consent.record",
                patient=patient,
                target=consent,
                detail={"scope": scope},
            )
    except IntegrityError as exc:
        raise Conflict(
            "This consent is already recorded and active.", code="consent_exists"
        ) from exc
    return consent


def gallery_consent_revoke(*, actor: Actor, consent: GalleryConsent) -> GalleryConsent:
    """Withdraw a consent from now on (pictures already shown elsewhere must be taken down
    by the clinic; the record says when consent ended)."""
    require_consent_withdrawer(actor, consent.patient, target=consent)
    with transaction.atomic():
        changed = GalleryConsent.objects.filter(pk=consent.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=actor.user
        )
        if not changed:
            raise Conflict("This consent was already withdrawn.", code="already_revoked")
        audit_record(
            actor=actor,
            action="gallery_consent.revoke",
            patient=consent.patient,
            target=consent,
            detail={"scope": consent.scope},
        )
    consent.refresh_from_db()
    return consent
