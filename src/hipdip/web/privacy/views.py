"""The privacy page of a patient record: download the data, erase the record."""

from __future__ import annotations

import re
import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from hipdip.web.accounts.actor import Actor, actor_from_request
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import DomainError
from hipdip.web.core.forms import form_add_domain_error
from hipdip.web.patients.models import Patient
from hipdip.web.privacy import access
from hipdip.web.privacy.erasure import patient_erase
from hipdip.web.privacy.export import patient_export_write
from hipdip.web.privacy.forms import ErasureForm
from hipdip.web.privacy.selectors import confirmation_name, patient_files, patient_leads


def export_filename(patient: Patient) -> str:
    name = re.sub(r"[^a-z0-9]+", "-", (patient.full_name or "patient").lower()).strip("-")
    return f"data-{name or 'patient'}-{timezone.localdate():%Y-%m-%d}.zip"


def export_response(actor: Actor, patient: Patient) -> FileResponse:
    """The export zip as a private download, built in a temporary file."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    patient_export_write(actor=actor, patient=patient, out=out)
    out.seek(0)
    response = FileResponse(
        out, as_attachment=True, filename=export_filename(patient), content_type="application/zip"
    )
    response["Cache-Control"] = "private, no-store, max-age=0"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def privacy_page(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    patient = access.patient_for_export(actor, patient_id)
    is_own = patient.user_id == request.user.pk
    can_erase = not is_own and access.can_erase(actor)
    form = ErasureForm(request.POST or None) if can_erase else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Only clinic admins can erase a patient's record.")
        patient = access.patient_for_erasure(actor, patient_id)
        if form.is_valid():
            try:
                patient_erase(actor=actor, patient=patient, confirm=form.cleaned_data["confirm"])
            except DomainError as exc:
                form_add_domain_error(form, exc)
            else:
                messages.success(request, "The patient's record, account and files are erased.")
                return redirect("patients:list")
    if request.method == "GET":
        audit_record(actor=actor, action="privacy.view", patient=patient, target=patient)
    return render(
        request,
        "privacy/privacy.html",
        {
            "patient": patient,
            "is_own": is_own,
            "form": form,
            "confirm_name": confirmation_name(patient),
            "file_count": len(patient_files(patient)),
            "lead_count": len(patient_leads(patient)),
        },
    )


@login_required
@require_GET
def export_download(request: HttpRequest, patient_id: str) -> HttpResponseBase:
    actor = actor_from_request(request, channel="web")
    patient = access.patient_for_export(actor, patient_id)
    return export_response(actor, patient)
