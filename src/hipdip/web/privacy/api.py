"""API: a patient's data export (zip) and erasure."""

from __future__ import annotations

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from ninja import Router, Schema

from hipdip.web.accounts.api_helpers import api_actor
from hipdip.web.core.api_errors import file_response
from hipdip.web.privacy import access
from hipdip.web.privacy.erasure import patient_erase
from hipdip.web.privacy.views import export_response

router = Router(tags=["privacy"])

ZIP_RESPONSE = file_response("application/zip", "The export, a zip file.")


class ErasureIn(Schema):
    confirm: str


class ErasureOut(Schema):
    patient_id: str
    rows: int
    files: int
    #: Enquiries from the contact form sent with the patient's email, erased with them.
    leads: int


@router.get("/patients/{patient_id}/export", openapi_extra=ZIP_RESPONSE)
def patient_export(request: HttpRequest, patient_id: str) -> HttpResponseBase:
    """Everything about one patient as a zip: FHIR bundle, every stored entry, every photo and
    other file as stored, and a manifest with SHA-256 checksums. Surgeons and clinic admins
    of the patient's clinic, or the patient themselves."""
    actor = api_actor(request)
    patient = access.patient_for_export(actor, patient_id)
    return export_response(actor, patient)


@router.post("/patients/{patient_id}/erasure", response={200: ErasureOut})
def patient_erasure(request: HttpRequest, patient_id: str, payload: ErasureIn) -> ErasureOut:
    """Erase a patient: the record, every entry, the sign-in account, every stored file and
    the clinic's contact-form enquiries sent with the patient's email.
    `confirm` must be the patient's name (or email if they have none); 422 otherwise.
    Clinic admins only. The audit trail keeps who erased which record id, and when."""
    actor = api_actor(request)
    patient = access.patient_for_erasure(actor, patient_id)
    result = patient_erase(actor=actor, patient=patient, confirm=payload.confirm)
    return ErasureOut(
        patient_id=result.patient_id, rows=result.rows, files=result.files, leads=result.leads
    )
