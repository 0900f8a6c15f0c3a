"""The pre-op checklist page: the patient (or staff) ticks its items."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from hipdip.web.access import Perm, get_for_actor
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.core.errors import DomainError
from hipdip.web.patients.models import Patient
from hipdip.web.plans import services
from hipdip.web.plans.preop import checklist_for
from hipdip.web.plans.views.common import is_own


@login_required
@require_GET
def preop(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, action="preop.view")
    checklist = checklist_for(patient)
    return render(
        request,
        "plans/preop.html",
        {
            "patient": patient,
            "checklist": checklist,
            "groups": checklist.groups(timezone.localdate()),
            "is_own": is_own(request, patient),
            "is_staff": bool(actor.user and actor.user.is_clinic_staff),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def preop_tick(request: HttpRequest, patient_id: str) -> HttpResponse:
    """Tick or untick one item; htmx gets the row back, a plain form the page."""
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    key = request.POST.get("key", "")[:60]
    done = request.POST.get("done") == "1"
    try:
        services.checklist_tick(actor=actor, patient=patient, key=key, done=done)
    except DomainError as exc:
        if request.headers.get("HX-Request"):
            return HttpResponse(exc.message, status=200)
        messages.error(request, exc.message)
        return redirect("plans:preop", patient_id=patient.pk)
    if request.headers.get("HX-Request"):
        row = next((r for r in checklist_for(patient).rows if r.key == key), None)
        return render(
            request,
            "plans/_check_item.html",
            {
                "row": row,
                "patient": patient,
                "is_staff": bool(actor.user and actor.user.is_clinic_staff),
            },
        )
    return redirect("plans:preop", patient_id=patient.pk)
