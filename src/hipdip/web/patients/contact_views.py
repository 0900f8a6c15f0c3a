"""A patient's contact details page: the patient edits their own, staff their clinic's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.core.errors import DomainError
from hipdip.web.core.forms import form_add_domain_error
from hipdip.web.patients.access import Perm, get_for_actor
from hipdip.web.patients.forms import ContactDetailsForm
from hipdip.web.patients.models import Patient
from hipdip.web.patients.services import CONTACT_FIELDS, patient_contact_update


@login_required
@require_http_methods(["GET", "POST"])
def contact_details(request: HttpRequest, patient_id: str) -> HttpResponse:
    """Show and change the phone, preferred contact and emergency contact; a number that is
    not one is refused on the form (422) and nothing is saved."""
    actor = actor_from_request(request, channel="web")
    perm = Perm.CHANGE if request.method == "POST" else Perm.VIEW
    patient = get_for_actor(actor, Patient, patient_id, perm=perm, action="patient.contact.view")
    initial = {f: getattr(patient, f) for f in CONTACT_FIELDS}
    initial["phone"] = patient.phone_display
    initial["emergency_contact_phone"] = patient.emergency_phone_display
    form = ContactDetailsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                patient_contact_update(actor=actor, patient=patient, **form.cleaned_data)
            except DomainError as exc:
                form_add_domain_error(form, exc)
            else:
                messages.success(request, "Contact details saved.")
                return redirect("patients:contact", patient_id=patient.pk)
        status = 422
    is_own = actor.user is not None and patient.user_id == actor.user.pk
    return render(
        request,
        "patients/contact.html",
        {"patient": patient, "form": form, "is_own": is_own},
        status=status,
    )
