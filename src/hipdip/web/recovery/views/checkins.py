"""The check-in form and its answer, acknowledgements, and the staff dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hipdip.web.access import Perm, get_for_actor, require_staff
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.selectors import care_settings_for
from hipdip.web.core.errors import DomainError
from hipdip.web.core.forms import form_add_domain_error
from hipdip.web.notifications.selectors import deliveries_summary
from hipdip.web.patients.models import Patient
from hipdip.web.recovery import services
from hipdip.web.recovery.forms import (
    AcknowledgeForm,
    CheckInForm,
    symptom_groups,
)
from hipdip.web.recovery.models import CheckIn, Level
from hipdip.web.recovery.selectors import (
    cited_reasons,
    course_of,
    course_overview,
    dashboard_checkins,
)
from hipdip.web.recovery.views._common import is_own, read_action, web_actor

DASHBOARD_PAGE = 30


@login_required
@require_http_methods(["GET", "POST"])
def checkin_new(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = web_actor(request)
    patient = get_for_actor(
        actor, Patient, patient_id, perm=Perm.CHANGE, action=read_action(request, "recovery.view")
    )
    course = course_of(patient)
    if course is None:
        messages.info(request, "Check-ins start once the clinic has recorded the procedure.")
        return redirect("recovery:recovery", patient_id=patient.pk)
    overview = course_overview(course)
    form = CheckInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.checkin_submit(
                actor=actor, course=course, data=services.CheckInInput(**form.service_data())
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            if not result.created:
                messages.info(request, "You had just sent this same check-in; it is saved once.")
            return redirect("recovery:checkin", checkin_id=result.checkin.pk)
    context = {
        "form": form,
        "patient": patient,
        "course": course,
        "overview": overview,
        "groups": symptom_groups(care_settings_for(patient.clinic)),
        "is_own": is_own(actor, patient),
        "chosen_symptoms": set(form["symptoms"].value() or []),
    }
    return render(request, "recovery/checkin_form.html", context)


@login_required
@require_GET
def checkin_detail(request: HttpRequest, checkin_id: str) -> HttpResponse:
    actor = web_actor(request)
    checkin = get_for_actor(actor, CheckIn, checkin_id, action="checkin.view")
    user = actor.user
    is_staff = bool(user and user.is_clinic_staff)
    # The key is set by the reminders' escalation job (hipdip.web.reminders).
    escalation = deliveries_summary(f"escalation:checkin:{checkin.pk}:") if is_staff else None
    return render(
        request,
        "recovery/checkin_detail.html",
        {
            "checkin": checkin,
            "cited": cited_reasons(checkin.reasons) if is_staff else None,
            "escalation": escalation,
            "patient": checkin.course.patient,
            "course": checkin.course,
            "is_own": is_own(actor, checkin.course.patient),
            "is_staff": is_staff,
            "ack_form": AcknowledgeForm(),
        },
    )


@login_required
@require_POST
def checkin_acknowledge(request: HttpRequest, checkin_id: str) -> HttpResponse:
    actor = web_actor(request)
    checkin = get_for_actor(actor, CheckIn, checkin_id, perm=Perm.CHANGE)
    require_staff(actor)
    form = AcknowledgeForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.checkin_acknowledge(actor=actor, checkin=checkin, note=note)
    except DomainError as exc:
        messages.info(request, exc.message)
    else:
        messages.success(request, "Acknowledged.")
    target = request.POST.get("next", "")
    if target == "dashboard":
        return redirect("recovery:dashboard")
    return redirect("recovery:checkin", checkin_id=checkin.pk)


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    actor = web_actor(request)
    clinic = require_staff(actor)
    show = request.GET.get("show", "open")
    if show not in ("open", "alerts", "all"):
        show = "open"
    qs = dashboard_checkins(clinic=clinic, show=show)
    page = Paginator(qs, DASHBOARD_PAGE).get_page(request.GET.get("page"))
    audit_record(actor=actor, action="checkin.dashboard", clinic=clinic, detail={"show": show})
    counts = {
        "open": dashboard_checkins(clinic=clinic, show="open").count(),
        "open_alerts": dashboard_checkins(clinic=clinic, show="open")
        .exclude(level=Level.ROUTINE)
        .count(),
    }
    return render(
        request,
        "recovery/dashboard.html",
        {"page": page, "show": show, "counts": counts, "clinic": clinic},
    )
