"""The consultation page and the surgeon's decision to go ahead despite a finding: both
need the consultation (intake, screening) and the plan, so they live above both apps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from hipdip.web.access import Perm, get_for_actor, require_surgeon
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.consultation_page.presenters import consultation_context
from hipdip.web.consultations.forms import OverrideForm
from hipdip.web.consultations.services import finding_override_create
from hipdip.web.consultations.views import consultation_url, safe_next
from hipdip.web.core.errors import DomainError
from hipdip.web.patients.models import Patient
from hipdip.web.plans.selectors import plan_finding_codes


@login_required
@require_GET
def consultation(request: HttpRequest, patient_id: str) -> HttpResponse:
    """The consultation at a glance: intake, measurements, findings, plan, checklist."""
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, action="consultation.view")
    context = consultation_context(request, actor, patient)
    context["override_form"] = OverrideForm()
    return render(request, "consultation_page/consultation.html", context)


@login_required
@require_POST
def override_create(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    require_surgeon(actor)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write the reason for going ahead: it is kept with the decision.")
        return redirect(consultation_url(patient))
    try:
        finding_override_create(
            actor=actor,
            patient=patient,
            code=form.cleaned_data["code"],
            reason=form.cleaned_data["reason"],
            extra_codes=plan_finding_codes(patient),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Decision recorded.")
    return redirect(safe_next(request, patient))
