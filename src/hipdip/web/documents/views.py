"""Downloads for clinic staff: the consultation summary PDF and the FHIR export."""

from __future__ import annotations

import json
import re

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from hipdip.web.access import get_for_actor, require_staff
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.documents import services
from hipdip.web.patients.models import Patient


def filename(patient: Patient, kind: str, ext: str) -> str:
    name = re.sub(r"[^a-z0-9]+", "-", (patient.full_name or "patient").lower()).strip("-")
    return f"{kind}-{name or 'patient'}-{timezone.localdate():%Y-%m-%d}.{ext}"


def private(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store, max-age=0"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def consultation_pdf(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id)
    require_staff(actor)
    pdf = services.consultation_pdf_make(actor=actor, patient=patient)
    return private(
        HttpResponse(pdf, content_type="application/pdf"),
        filename(patient, "consultation", "pdf"),
    )


@login_required
@require_GET
def fhir(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id)
    require_staff(actor)
    bundle = services.fhir_bundle_make(actor=actor, patient=patient)
    return private(
        HttpResponse(json.dumps(bundle, indent=2), content_type="application/fhir+json"),
        filename(patient, "fhir", "json"),
    )
