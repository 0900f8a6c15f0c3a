"""Erasure of one patient: their record, every row that goes with it, their sign-in account
and their stored files, with an audit trail that keeps who erased which record when.

Rows go in one transaction (Django's cascades, then the account); the files named by those
rows are deleted only after the transaction commits, so a failed erasure leaves everything
as it was. The audit trail keeps its events: they hold identifiers, never health data, and
lose their link to the record (the foreign key is set to empty); the personal details they
carry about the patient as a person (their email as the actor or as a sign-in attempt,
their address and browser) are blanked. The erasure event itself names the record's id.

Enquiries the person sent through the clinic's contact form (leads, matched by email: they
have no link to the record) are erased in the same transaction; the erasure event counts
them and names none.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import transaction

from hipdip.web.accounts.actor import Actor
from hipdip.web.audit.models import AuditEvent
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import DomainError
from hipdip.web.leads.models import Lead
from hipdip.web.patients.models import Patient
from hipdip.web.privacy.selectors import (
    confirmation_name,
    patient_leads,
    patient_rows,
    stored_files,
)

logger = logging.getLogger(__name__)


class ConfirmationMismatch(DomainError):
    status_code = 422
    code = "confirmation_mismatch"


@dataclass(frozen=True)
class ErasureResult:
    """What an erasure removed."""

    patient_id: str
    rows: int
    files: int
    leads: int = 0


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _delete_files(names: list[str]) -> None:
    failed = 0
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # one file must not stop the others; counted, then logged
            failed += 1
    if failed:
        logger.error("erasure: %d of %d files could not be deleted", failed, len(names))


def patient_erase(*, actor: Actor, patient: Patient, confirm: str) -> ErasureResult:
    """Erase `patient` if `confirm` is their name (or email when they have no name).

    The caller has checked that `actor` may erase this patient (see `privacy.access`).
    """
    if _normalise(confirm) != _normalise(confirmation_name(patient)):
        raise ConfirmationMismatch(
            "Type the patient's name exactly as shown to confirm the erasure.",
            details={"confirm": ["This does not match the patient's name."]},
        )
    patient_id = str(patient.pk)
    with transaction.atomic():
        locked = Patient.objects.select_for_update().select_related("user").get(pk=patient.pk)
        user = locked.user
        rows = patient_rows(locked)
        names = [f.name for f in stored_files(rows)]
        leads = [lead.pk for lead in patient_leads(locked)]
        audit_record(
            actor=actor,
            action="privacy.erase",
            patient=locked,
            target=locked,
            clinic=locked.clinic,
            detail={
                "patient_id": patient_id,
                "rows": len(rows),
                "files": len(names),
                "leads": len(leads),
            },
        )
        AuditEvent.objects.filter(actor_id=user.pk).update(actor_email="", ip=None, user_agent="")
        AuditEvent.objects.filter(detail__email=user.email).update(
            ip=None, user_agent="", detail={"email": "(erased)"}
        )
        Lead.objects.filter(pk__in=leads).delete()
        locked.delete()
        user.delete()
        transaction.on_commit(lambda: _delete_files(names))
    return ErasureResult(patient_id=patient_id, rows=len(rows), files=len(names), leads=len(leads))
