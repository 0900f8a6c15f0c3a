"""The procedure record page: what was done, compared with the approved plan."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hipdip.web.access import Perm, get_for_actor, require_staff
from hipdip.web.accounts.actor import Actor, actor_from_request
from hipdip.web.accounts.models import Role
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import DomainError
from hipdip.web.patients.models import Patient
from hipdip.web.plans import services
from hipdip.web.plans.compare import compare
from hipdip.web.plans.forms import ProcedureForm
from hipdip.web.plans.models import Complication, TreatmentPlan
from hipdip.web.plans.selectors import (
    SafetyCheck,
    plan_of,
    procedure_checks,
    procedure_of,
    procedure_overrides,
)


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
    checks = _checks_for(patient, current, record, form) if current and current.is_approved else ()
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
            "checks": checks,
            "is_surgeon": bool(actor.user and actor.user.role == Role.SURGEON),
            "ticked": request.POST.getlist("override") if post else [],
            "override_reasons": {
                c.key: request.POST.get(f"override_reason_{c.key}", "") for c in checks
            }
            if post
            else {},
            "override_reason": request.POST.get("override_reason", "") if post else "",
            "overrides": procedure_overrides(record),
            "editing": post or request.GET.get("edit") == "1" or record is None,
            "complication_labels": [
                str(dict(Complication.choices).get(c, c))
                for c in (record.complications if record else [])
            ],
        },
        status=status,
    )


def _checks_for(
    patient: Patient, plan: TreatmentPlan, record: Any, form: ProcedureForm
) -> tuple[SafetyCheck, ...]:
    """The safety checks for the date in the form, less those this record already
    overrode: what the surgeon has to decide before saving."""
    if form.is_bound:
        form.is_valid()  # cleans once; a later error on another field keeps the date
        day = getattr(form, "cleaned_data", {}).get("performed_on")
    else:
        day = form.initial.get("performed_on")
    if day is None:
        return ()
    done = {o.item for o in procedure_overrides(record)}
    return tuple(c for c in procedure_checks(patient, plan, performed_on=day) if c.key not in done)


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
    planned = current.surgery_date if current else None
    initial = {"version": 0, "performed_on": planned or timezone.localdate()}
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
