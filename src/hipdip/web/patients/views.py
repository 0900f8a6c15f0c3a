"""Staff: the patient list with search, invitations. Everyone: a patient's page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from hipdip.web.access import (
    Perm,
    can_access_patient,
    get_for_actor,
    patients_visible_to,
    require_staff,
)
from hipdip.web.accounts.services import patient_invite
from hipdip.web.assessments.charts import depth_charts
from hipdip.web.assessments.guidance import GRADE_TEXT
from hipdip.web.assessments.selectors.sessions import (
    measured_photos_of_patient,
    sessions_of_patient,
)
from hipdip.web.audit.services import audit_record
from hipdip.web.core.actor import actor_from_request
from hipdip.web.core.errors import DomainError
from hipdip.web.patients.forms import PatientInviteForm, PatientSearchForm
from hipdip.web.patients.models import Patient
from hipdip.web.patients.selectors import patient_list

PAGE_SIZE = 25


@login_required
@require_GET
def patients(request: HttpRequest) -> HttpResponse:
    """The clinic's patients; htmx requests get only the table (live search)."""
    actor = actor_from_request(request, channel="web")
    clinic = require_staff(actor)
    form = PatientSearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    qs = patient_list(visible=patients_visible_to(actor.user), search=search)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    audit_record(actor=actor, action="patient.list", detail={"search": bool(search)})
    query = urlencode({"q": search}) if search else ""
    context = {"clinic": clinic, "form": form, "page": page, "search": search, "query": query}
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "patient-table":
        return render(request, "patients/_table.html", context)
    return render(request, "patients/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    clinic = require_staff(actor)
    form = PatientInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = patient_invite(
                actor=actor,
                clinic=clinic,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                site_url=request.build_absolute_uri("/"),
            )
        except DomainError as exc:
            form.add_error("email", exc.message)
        else:
            messages.success(request, f"Invitation sent to {sent.invitation.user.email}.")
            patient = sent.invitation.user.patient
            return render(
                request,
                "patients/invite_sent.html",
                {
                    "sent": sent,
                    "patient": patient,
                    "can_open": can_access_patient(actor.user, patient, Perm.VIEW),
                    "show_links": settings.HIPDIP_SHOW_INVITE_LINKS,
                },
            )
    return render(request, "patients/invite.html", {"form": form, "clinic": clinic})


@login_required
@require_GET
def patient_detail(request: HttpRequest, patient_id: str) -> HttpResponse:
    """A patient's timeline of photo sessions and depth charts (a patient's home page)."""
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, action="patient.view")
    sessions = list(sessions_of_patient(patient=patient))
    charts = depth_charts(measured_photos_of_patient(patient=patient))
    last_height = sessions[0].height_cm if sessions else None
    return render(
        request,
        "patients/detail.html",
        {
            "patient": patient,
            "sessions": sessions,
            "charts": charts,
            "has_measurements": any(not c.is_empty for c in charts),
            "is_own": actor.user is not None and patient.user_id == actor.user.pk,
            "last_height": last_height,
            "grade_text": GRADE_TEXT,
        },
    )
