"""The plan page: staff edit the choices (with a preview), a surgeon approves; the patient reads
the approved plan."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from hipdip.web.access import Perm, get_for_actor, require_staff, require_surgeon
from hipdip.web.accounts.actor import Actor, actor_from_request
from hipdip.web.accounts.models import Role
from hipdip.web.audit.services import audit_record
from hipdip.web.consultations.presenters import finding_rows
from hipdip.web.core.errors import Conflict, DomainError
from hipdip.web.patients.models import Patient
from hipdip.web.plans import services
from hipdip.web.plans.forms import PlanForm
from hipdip.web.plans.models import TreatmentPlan
from hipdip.web.plans.selectors import (
    PlanChoices,
    default_choices,
    plan_drift,
    plan_events,
    plan_of,
    plan_summary,
    plan_view,
    procedure_of,
    session_info,
)
from hipdip.web.plans.views.common import is_own


@login_required
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    post = request.method == "POST"
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE if post else Perm.VIEW)
    if post:
        require_staff(actor)
        return _plan_post(request, actor, patient)
    current = plan_of(patient)
    audit_record(actor=actor, action="plan.view", patient=patient, target=current or patient)
    if not (actor.user and actor.user.is_clinic_staff):
        return render(
            request,
            "plans/plan_patient.html",
            {
                "patient": patient,
                "plan": current,
                "is_own": is_own(request, patient),
                "summary": current.approved_snapshot if current and current.is_approved else None,
            },
        )
    choices = PlanChoices.of(current) if current else default_choices(patient)
    form = PlanForm(initial=PlanForm.initial_for(choices, current.version if current else 0))
    return render(
        request, "plans/plan.html", _plan_context(request, patient, current, form, choices)
    )


def _plan_post(request: HttpRequest, actor: Actor, patient: Patient) -> HttpResponse:
    form = PlanForm(request.POST)
    current = plan_of(patient)
    if not form.is_valid():
        messages.error(request, "Please check the fields marked below.")
        return _plan_page(request, patient, current, form, status=422)
    choices = form.choices()
    try:
        services.plan_save(
            actor=actor, patient=patient, choices=choices, version=form.cleaned_data["version"]
        )
    except services.StaleVersion as exc:
        messages.error(request, exc.message)
        fresh = plan_of(patient)
        data = request.POST.copy()
        data["version"] = str(fresh.version if fresh else 0)
        rebound = PlanForm(data)
        rebound.is_valid()
        context = _plan_context(request, patient, fresh, rebound, choices)
        context["conflict"] = services.plan_changes(
            PlanChoices.of(fresh) if fresh else default_choices(patient), choices
        )
        context["conflict_by"] = fresh.updated_by if fresh else None
        return render(request, "plans/plan.html", context, status=409)
    except services.ChoicesInvalid as exc:
        for field, msgs in (exc.details or {}).items():
            for msg in msgs:
                form.add_error(field if field in form.fields else None, msg)
        return _plan_page(request, patient, current, form, status=422, choices=choices)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _plan_page(request, patient, current, form, status=400, choices=choices)
    messages.success(request, "Plan saved.")
    return redirect("plans:plan", patient_id=patient.pk)


def _plan_page(
    request: HttpRequest,
    patient: Patient,
    current: TreatmentPlan | None,
    form: PlanForm,
    *,
    status: int,
    choices: PlanChoices | None = None,
) -> HttpResponse:
    if choices is None:
        choices = PlanChoices.of(current) if current else default_choices(patient)
    return render(
        request,
        "plans/plan.html",
        _plan_context(request, patient, current, form, choices),
        status=status,
    )


def _plan_context(
    request: HttpRequest,
    patient: Patient,
    current: TreatmentPlan | None,
    form: PlanForm,
    choices: PlanChoices,
) -> dict[str, Any]:
    _, computed = plan_view(patient, choices=choices)
    user = request.user
    is_surgeon = getattr(user, "role", "") == Role.SURGEON
    procedure = procedure_of(patient)
    drift = None
    if current is not None and current.is_approved:
        _, stored = plan_view(patient, choices=PlanChoices.of(current))
        drift = plan_drift(current, stored, has_procedure=procedure is not None)
    return {
        "patient": patient,
        "plan": current,
        "form": form,
        "computed": computed,
        "screening": computed.screening,
        "blocker_rows": finding_rows(computed.blocked_by, computed.screening.overrides),
        "warning_rows": finding_rows(computed.warnings, computed.screening.overrides),
        "summary": plan_summary(choices, computed),
        "approved": current.approved_snapshot if current and current.is_approved else None,
        "events": plan_events(current)[:8] if current else [],
        "is_surgeon": is_surgeon,
        "can_approve": bool(
            is_surgeon and current and not current.is_approved and computed.approvable
        ),
        "procedure": procedure,
        "drift": drift,
        "is_own": False,
    }


@login_required
@require_POST
def plan_preview(request: HttpRequest, patient_id: str) -> HttpResponse:
    """The figures for the choices on screen, before saving (htmx)."""
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    require_staff(actor)
    form = PlanForm(request.POST)
    if not form.is_valid():
        return render(request, "plans/_plan_result.html", {"invalid": True, "patient": patient})
    choices = form.choices()
    _, computed = plan_view(patient, choices=choices)
    audit_record(actor=actor, action="plan.preview", patient=patient)
    return render(
        request,
        "plans/_plan_result.html",
        {
            "patient": patient,
            "computed": computed,
            "summary": plan_summary(choices, computed),
            "warning_rows": finding_rows(computed.warnings, computed.screening.overrides),
            "is_surgeon": getattr(request.user, "role", "") == Role.SURGEON,
            "preview": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_approve(request: HttpRequest, patient_id: str) -> HttpResponse:
    """Approval is a deliberate step: a page showing exactly what is being approved, then
    the surgeon's confirmation. A bare POST (the old one-click form) lands on that page."""
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    require_surgeon(actor)
    current = plan_of(patient)
    if current is None or current.is_approved:
        return redirect("plans:plan", patient_id=patient.pk)
    if request.method == "POST" and request.POST.get("confirm") == "1":
        try:
            services.plan_approve(
                actor=actor,
                patient=patient,
                version=_int(request.POST.get("version")),
                measurement_session_id=request.POST.get("measurement_session"),
            )
        except (Conflict, DomainError) as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Plan approved. Its figures are now fixed in the record.")
            return redirect("plans:plan", patient_id=patient.pk)
    choices = PlanChoices.of(current)
    _, computed = plan_view(patient, choices=choices)
    audit_record(actor=actor, action="plan.view", patient=patient, target=current)
    measurements = computed.screening.measurements
    return render(
        request,
        "plans/approve.html",
        {
            "patient": patient,
            "plan": current,
            "computed": computed,
            "summary": plan_summary(choices, computed),
            "session": measurements.session,
            "session_info": session_info(measurements),
            "finding_rows": finding_rows(
                (*computed.screening.findings, *computed.warnings), computed.screening.overrides
            ),
            "is_surgeon": True,
        },
    )


def _int(value: str | None) -> int:
    try:
        return int(value or "-1")
    except ValueError:
        return -1


@login_required
@require_POST
def plan_reconfirm(request: HttpRequest, patient_id: str) -> HttpResponse:
    """After new measurements: keep the approved figures (with a reason) or revise."""
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    require_surgeon(actor)
    version = _int(request.POST.get("version"))
    try:
        if request.POST.get("decision") == "revise":
            services.plan_revise(
                actor=actor, patient=patient, version=version, reason=request.POST.get("reason", "")
            )
            messages.success(
                request,
                "The plan is a draft again: revise it on the new measurements and approve it.",
            )
        else:
            services.plan_reconfirm(
                actor=actor, patient=patient, version=version, reason=request.POST.get("reason", "")
            )
            messages.success(
                request, "Approved figures kept. Your reason is in the plan's history."
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("plans:plan", patient_id=patient.pk)
