"""Making documents: every export is audited (it is a read of the whole record)."""

from __future__ import annotations

from typing import Any

from hipdip.web.accounts.actor import Actor
from hipdip.web.audit.services import audit_record
from hipdip.web.documents.fhir import consultation_bundle
from hipdip.web.documents.pdf import consultation_pdf
from hipdip.web.documents.selectors import consultation_record
from hipdip.web.patients.models import Patient


def consultation_pdf_make(*, actor: Actor, patient: Patient) -> bytes:
    pdf = consultation_pdf(consultation_record(patient))
    audit_record(actor=actor, action="document.pdf", patient=patient, target=patient)
    return pdf


def fhir_bundle_make(*, actor: Actor, patient: Patient) -> dict[str, Any]:
    bundle = consultation_bundle(consultation_record(patient))
    audit_record(
        actor=actor,
        action="document.fhir",
        patient=patient,
        target=patient,
        detail={"resources": len(bundle["entry"])},
    )
    return bundle
