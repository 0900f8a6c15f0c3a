"""API: the FHIR R4 export and the summary PDF of a patient (clinic staff only)."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from ninja import Router

from hipdip.web.access import get_for_actor, require_staff
from hipdip.web.accounts.api_helpers import api_actor
from hipdip.web.core.api_errors import file_response
from hipdip.web.documents import services
from hipdip.web.documents.views import filename, private
from hipdip.web.patients.models import Patient

router = Router(tags=["documents"])


@router.get(
    "/patients/{patient_id}/fhir",
    response={200: dict},
    openapi_extra={
        "responses": {200: {"content": {"application/fhir+json": {"schema": {"type": "object"}}}}}
    },
)
def fhir_export(request: HttpRequest, patient_id: str) -> HttpResponse:
    """The patient's record as a FHIR R4 Bundle (``application/fhir+json``): Patient,
    QuestionnaireResponse, Observations (height, weight, BMI, hip-dip depth per side and
    view), Media, Conditions, AllergyIntolerances, MedicationStatements, Flags, CarePlan,
    Procedure, Consent and a DocumentReference to the summary PDF."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id)
    require_staff(actor)
    bundle = services.fhir_bundle_make(actor=actor, patient=patient)
    response = HttpResponse(json.dumps(bundle), content_type="application/fhir+json")
    response["Cache-Control"] = "private, no-store, max-age=0"
    return response


@router.get(
    "/patients/{patient_id}/consultation.pdf",
    response={200: bytes},
    openapi_extra=file_response("application/pdf", "The consultation summary (PDF)."),
)
def consultation_pdf(request: HttpRequest, patient_id: str) -> HttpResponse:
    """The consultation summary as a PDF."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id)
    require_staff(actor)
    pdf = services.consultation_pdf_make(actor=actor, patient=patient)
    return private(
        HttpResponse(pdf, content_type="application/pdf"),
        filename(patient, "consultation", "pdf"),
    )
