"""Plan, pre-op checklist and procedure pages. Staff edit the plan (a surgeon approves);
the patient reads the approved plan and ticks the checklist."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hipdip.web.access import Perm, get_for_actor, require_staff, require_surgeon
from hipdip.web.accounts.actor import Actor, actor_from_request
from hipdip.web.accounts.models import Role
from hipdip.web.audit.services import audit_record
from hipdip.web.consultations.presenters import finding_rows
from hipdip.web.core.errors import Conflict, DomainError
from hipdip.web.patients.models import Patient
from hipdip.web.plans import services
from hipdip.web.plans.compare import compare
from hipdip.web.plans.forms import PlanForm, ProcedureForm
from hipdip.web.plans.models import Complication, TreatmentPlan
from hipdip.web.plans.preop import checklist_for
from hipdip.web.plans.selectors import (
    PlanChoices,
    default_choices,
    plan_events,
    plan_of,
    plan_summary,
    plan_view,
    procedure_of,
)


def _is_own(request: HttpRequest, patient: Patient) -> bool:
    return bool(request.user.pk == patient.user_id)


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
                "is_own": _is_own(request, patient),
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
        "procedure": procedure_of(patient),
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
@require_POST
def plan_approve(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    require_surgeon(actor)
    try:
        version = int(request.POST.get("version", "-1"))
    except ValueError:
        version = -1
    try:
        services.plan_approve(actor=actor, patient=patient, version=version)
    except (Conflict, DomainError) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Plan approved. Its figures are now fixed in the record.")
    return redirect("plans:plan", patient_id=patient.pk)


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
            "is_own": _is_own(request, patient),
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


@login_required
@require_http_methods(["GET", "POST"])
def procedure(request: HttpRequest, patient_id: str) -> HttpResponse:
    """The procedure record (staff), with the approved plan beside it."""
    actor = actor_from_request(request, channel="web")
    post = request.method == "POST"
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE if post else Perm.VIEW)
    clinic = require_staff(actor)
    record = procedure_of(patient)
    current = plan_of(patient)
    status = 200
    if post:
        form = ProcedureForm(request.POST, clinic=clinic)
        if form.is_valid():
            try:
                services.procedure_save(
                    actor=actor,
                    patient=patient,
                    data=form.procedure_input(),
                    version=form.cleaned_data["version"],
                )
            except services.ChoicesInvalid as exc:
                for field, msgs in (exc.details or {}).items():
                    for msg in msgs:
                        form.add_error(field if field in form.fields else None, msg)
                status = 422
            except DomainError as exc:
                messages.error(request, exc.message)
                status = exc.status_code
            else:
                messages.success(request, "Procedure record saved.")
                return redirect("plans:procedure", patient_id=patient.pk)
        else:
            status = 422
    else:
        audit_record(
            actor=actor, action="procedure.view", patient=patient, target=record or patient
        )
        form = ProcedureForm(initial=_procedure_initial(record, current, actor), clinic=clinic)
    rows, processing_findings = (
        compare(current.approved_snapshot, record, computed_settings(patient))
        if record and current and current.approved_snapshot
        else ([], ())
    )
    return render(
        request,
        "plans/procedure.html",
        {
            "patient": patient,
            "plan": current,
            "record": record,
            "form": form,
            "rows": rows,
            "processing_findings": processing_findings,
            "editing": post or request.GET.get("edit") == "1" or record is None,
            "complication_labels": [
                str(dict(Complication.choices).get(c, c))
                for c in (record.complications if record else [])
            ],
        },
        status=status,
    )


def computed_settings(patient: Patient) -> Any:
    from hipdip.web.clinic.selectors import care_settings_for_patient

    return care_settings_for_patient(patient)


def _procedure_initial(record: Any, current: TreatmentPlan | None, actor: Actor) -> dict[str, Any]:
    if record is not None:
        initial = {
            "version": record.version,
            "performed_on": record.performed_on,
            "surgeon": record.surgeon_id,
            "team": record.team,
            "anaesthesia": record.anaesthesia,
            "processing": record.processing,
            "centrifuge_rpm": record.centrifuge_rpm,
            "rotor_radius_cm": record.rotor_radius_cm,
            "centrifuge_minutes": record.centrifuge_minutes,
            "injected_left_ml": record.injected_left_ml,
            "injected_right_ml": record.injected_right_ml,
            "plane_left": record.plane_left,
            "plane_right": record.plane_right,
            "duration_min": record.duration_min,
            "complications": record.complications,
            "complication_notes": record.complication_notes,
            "notes": record.notes,
        }
        initial.update({f"harvest_{k}": v for k, v in record.harvest.items()})
        return initial
    initial = {"version": 0, "performed_on": timezone.localdate()}
    snap = current.approved_snapshot if current else None
    if snap:
        initial["anaesthesia"] = snap["anaesthesia"]["value"]
        for side in snap["sides"]:
            if side["target_ml"]:
                initial[f"injected_{side['side']}_ml"] = round(side["target_ml"])
                initial[f"plane_{side['side']}"] = side["plane"]
    if actor.user is not None and actor.user.role == Role.SURGEON:
        initial["surgeon"] = actor.user.pk
    return initial
