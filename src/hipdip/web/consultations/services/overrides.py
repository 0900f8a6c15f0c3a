"""The surgeon's overrides of findings: recorded with a reason, withdrawn with the record kept."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.audit.services import audit_record
from hipdip.web.consultations.models import (
    FindingOverride,
)
from hipdip.web.consultations.selectors import (
    screening_for,
)
from hipdip.web.core.errors import Conflict, DomainError, full_clean_or_raise
from hipdip.web.patients.models import Patient


def finding_override_create(
    *, actor: Actor, patient: Patient, code: str, reason: str, extra_codes: tuple[str, ...] = ()
) -> FindingOverride:
    """A surgeon records why the clinic may go ahead despite finding ``code``.

    ``code`` must be a current finding (from screening, or one of ``extra_codes``: the
    plan's own safety findings); a reason is required. Caller checks the surgeon role.
    """
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            "Write the reason for going ahead: it is kept with the decision.",
            code="reason_required",
            details={"reason": ["Write the reason for going ahead."]},
        )
    screening = screening_for(patient)
    current = {f.code for f in screening.findings} | set(extra_codes)
    if code not in current:
        raise DomainError("There is no such finding for this patient now.", code="no_finding")
    user = actor.user
    with transaction.atomic():
        if (
            FindingOverride.objects.select_for_update()
            .filter(patient=patient, code=code, withdrawn_at__isnull=True)
            .exists()
        ):
            raise Conflict("This finding has already been overridden.", code="already_overridden")
        row = FindingOverride(
            patient=patient,
            code=code,
            reason=reason,
            decided_by=user,
            decided_by_name=(user.full_name or user.email) if user else "",
        )
        full_clean_or_raise(row)
        row.save()
        audit_record(
            actor=actor,
            action="finding.override",
            patient=patient,
            target=row,
            detail={"code": code},
        )
    return row


def finding_override_withdraw(*, actor: Actor, override: FindingOverride) -> FindingOverride:
    """Withdraw an override (the finding counts again); the record is kept."""
    with transaction.atomic():
        row = FindingOverride.objects.select_for_update().get(pk=override.pk)
        if row.withdrawn_at is not None:
            return row
        row.withdrawn_at = timezone.now()
        row.withdrawn_by = actor.user
        row.save(update_fields=["withdrawn_at", "withdrawn_by"])
        audit_record(
            actor=actor,
            action="finding.override_withdraw",
            patient=row.patient,
            target=row,
            detail={"code": row.code},
        )
    return row
