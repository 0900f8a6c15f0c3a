"""Pages: recording and withdrawing gallery consent."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from hipdip.web.access import get_for_actor
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.assessments.forms import (
    GalleryConsentForm,
)
from hipdip.web.assessments.models import GalleryConsent
from hipdip.web.assessments.rules import can_manage_gallery, can_withdraw_consent
from hipdip.web.assessments.selectors.consent import gallery_consents
from hipdip.web.assessments.services.consent import gallery_consent_record, gallery_consent_revoke
from hipdip.web.assessments.views.common import is_own
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import DomainError
from hipdip.web.patients.models import Patient


@login_required
@require_http_methods(["GET", "POST"])
def consents_page(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, action=None)
    can_record = can_manage_gallery(actor.user, patient)
    form = GalleryConsentForm(request.POST or None) if can_record else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Only the clinic's staff can record consent.")
        if form.is_valid():
            try:
                gallery_consent_record(
                    actor=actor,
                    patient=patient,
                    scope=form.cleaned_data["scope"],
                    note=form.cleaned_data["note"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Consent recorded.")
                return redirect("imaging:consents", patient_id=patient.pk)
    else:
        audit_record(actor=actor, action="gallery_consent.list", patient=patient, target=patient)
    return render(
        request,
        "assessments/consents.html",
        {
            "patient": patient,
            "is_own": is_own(actor, patient),
            "consents": list(gallery_consents(patient)),
            "form": form,
            "can_withdraw": can_withdraw_consent(actor.user, patient),
        },
    )


@login_required
@require_POST
def consent_revoke(request: HttpRequest, consent_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    consent = get_for_actor(actor, GalleryConsent, consent_id)
    try:
        gallery_consent_revoke(actor=actor, consent=consent)
    except DomainError as exc:
        messages.info(request, exc.message)
    else:
        messages.success(request, "Consent withdrawn. No new gallery pictures can be made.")
    return redirect("imaging:consents", patient_id=consent.patient_id)
