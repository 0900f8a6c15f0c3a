"""API: the treatment plan (optimistic locking, surgeon approval), the pre-op checklist
and the procedure record. The same services as the web pages."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from hipdip.web.access import NotFound, Perm, get_for_actor, require_staff, require_surgeon
from hipdip.web.accounts.api_helpers import api_actor
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.selectors import care_settings_for_patient
from hipdip.web.patients.models import Patient
from hipdip.web.plans import services
from hipdip.web.plans.compare import compare
from hipdip.web.plans.models import ProcedureRecord, TreatmentPlan
from hipdip.web.plans.preop import checklist_for
from hipdip.web.plans.schemas import (
    ApprovalOut,
    ApproveIn,
    ChecklistItemOut,
    ChecklistOut,
    ComparisonRowOut,
    OverrideOut,
    PlanIn,
    PlanOut,
    ProcedureIn,
    ProcedureOut,
    ReasonIn,
    SafetyCheckOut,
    TickIn,
)
from hipdip.web.plans.selectors import (
    PlanChoices,
    plan_drift,
    plan_of,
    plan_summary,
    plan_view,
    procedure_checks,
    procedure_of,
    procedure_overrides,
)

router = Router(tags=["plans"])


def _choices_in(c: PlanChoices, version: int) -> PlanIn:
    return PlanIn(
        version=version,
        graft_sides=c.graft_sides,
        plane_left=c.plane_left,
        plane_right=c.plane_right,
        donor_sites=list(c.donor_sites),
        anaesthesia=c.anaesthesia,
        contour_liposuction_ml=c.contour_liposuction_ml,
        planned_left_ml=c.planned_left_ml,
        planned_right_ml=c.planned_right_ml,
        surgery_date=c.surgery_date,
        notes=c.notes,
    )


def plan_out(patient: Patient, plan: TreatmentPlan, *, staff: bool = True) -> PlanOut:
    """The plan as the API shows it. A patient sees only the approved figures: never a
    fresh estimate nor the staff's comparison with new measurements."""
    choices, computed = plan_view(patient, choices=PlanChoices.of(plan))
    drift = plan_drift(plan, computed, has_procedure=procedure_of(patient) is not None)
    if not staff:
        drift = None
    approved = None
    if plan.is_approved and plan.approved_at and plan.approved_snapshot:
        approved = ApprovalOut(
            by=plan.approved_by_name,
            at=plan.approved_at,
            version=plan.approved_version or plan.version,
            figures=plan.approved_snapshot,
        )
    return PlanOut(
        id=plan.pk,
        patient_id=patient.pk,
        status=plan.status,
        version=plan.version,
        choices=_choices_in(choices, plan.version),
        estimate=plan_summary(choices, computed) if staff else None,
        problem=computed.problem,
        unresolved=[f.code for f in computed.unresolved],
        approved=approved,
        needs_reconfirmation=drift is not None,
        drift=drift.as_dict() if drift else None,
        updated_at=plan.updated_at,
    )


@router.get("/patients/{patient_id}/plan", response=PlanOut)
def plan_get(request: HttpRequest, patient_id: str) -> PlanOut:
    """The plan. Staff see drafts; a patient sees the plan once a surgeon approved it."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id)
    plan = plan_of(patient)
    staff = bool(actor.user and actor.user.is_clinic_staff)
    if plan is None or not (staff or plan.is_approved):
        raise NotFound
    audit_record(actor=actor, action="plan.view", patient=patient, target=plan)
    return plan_out(patient, plan, staff=staff)


@router.put("/patients/{patient_id}/plan", response=PlanOut)
def plan_put(request: HttpRequest, patient_id: str, data: PlanIn) -> PlanOut:
    """Create or change the plan (staff). ``version`` must be the one you read: if someone
    saved in between, nothing is saved and the answer is 409 stale_version."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    require_staff(actor)
    plan = services.plan_save(
        actor=actor,
        patient=patient,
        version=data.version,
        choices=PlanChoices(
            graft_sides=data.graft_sides,
            plane_left=data.plane_left,
            plane_right=data.plane_right,
            donor_sites=tuple(data.donor_sites),
            anaesthesia=data.anaesthesia,
            contour_liposuction_ml=data.contour_liposuction_ml,
            planned_left_ml=data.planned_left_ml,
            planned_right_ml=data.planned_right_ml,
            surgery_date=data.surgery_date,
            notes=data.notes,
        ),
    )
    return plan_out(patient, plan)


@router.post("/patients/{patient_id}/plan/approve", response=PlanOut)
def plan_approve(request: HttpRequest, patient_id: str, data: ApproveIn) -> PlanOut:
    """A surgeon approves the plan at ``version`` (the figures of GET .../plan,
    ``estimate``); they are frozen."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    require_surgeon(actor)
    plan = services.plan_approve(
        actor=actor,
        patient=patient,
        version=data.version,
        measurement_session_id=data.measurement_session,
    )
    return plan_out(patient, plan)


@router.post("/patients/{patient_id}/plan/reconfirm", response=PlanOut)
def plan_reconfirm(request: HttpRequest, patient_id: str, data: ReasonIn) -> PlanOut:
    """After new measurements, a surgeon keeps the approved figures; ``reason`` is
    required (400 reason_required). 409 no_change when nothing changed."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    require_surgeon(actor)
    plan = services.plan_reconfirm(
        actor=actor, patient=patient, version=data.version, reason=data.reason
    )
    return plan_out(patient, plan)


@router.post("/patients/{patient_id}/plan/revise", response=PlanOut)
def plan_revise(request: HttpRequest, patient_id: str, data: ReasonIn) -> PlanOut:
    """After new measurements, a surgeon sends the plan back to draft to revise it."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    require_surgeon(actor)
    plan = services.plan_revise(
        actor=actor, patient=patient, version=data.version, reason=data.reason
    )
    return plan_out(patient, plan)


@router.get("/patients/{patient_id}/preop", response=ChecklistOut)
def preop_get(request: HttpRequest, patient_id: str) -> ChecklistOut:
    """The dated pre-op checklist for the planned surgery date, with what is done."""
    patient = get_for_actor(api_actor(request), Patient, patient_id, action="preop.view")
    view = checklist_for(patient)
    return ChecklistOut(
        surgery_date=view.surgery_date,
        reason=view.reason,
        items=[
            ChecklistItemOut(
                key=r.key,
                category=str(r.item.category),
                text=r.item.text,
                due_on=r.item.due_on,
                status=str(r.item.status),
                note=r.item.note,
                source_id=r.item.source_id,
                done=r.done,
                done_at=r.done_at,
            )
            for r in view.rows
        ],
    )


@router.post("/patients/{patient_id}/preop/ticks", response=ChecklistOut)
def preop_tick(request: HttpRequest, patient_id: str, data: TickIn) -> ChecklistOut:
    """Mark an item done (``done: false`` to undo)."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    services.checklist_tick(actor=actor, patient=patient, key=data.key, done=data.done)
    return preop_get(request, patient_id)


def procedure_out(patient: Patient, record: ProcedureRecord) -> ProcedureOut:
    plan = record.plan
    rows, _ = (
        compare(plan.approved_snapshot, record, care_settings_for_patient(patient))
        if plan.approved_snapshot
        else ([], ())
    )
    return ProcedureOut(
        id=record.pk,
        version=record.version,
        performed_on=record.performed_on,
        surgeon_id=record.surgeon_id,
        surgeon_name=record.surgeon_name,
        team=record.team,
        anaesthesia=record.anaesthesia,
        harvest=record.harvest,
        processing=record.processing,
        centrifuge_rpm=record.centrifuge_rpm,
        rotor_radius_cm=float(record.rotor_radius_cm) if record.rotor_radius_cm else None,
        centrifuge_minutes=record.centrifuge_minutes,
        centrifuge_g=record.centrifuge_g,
        injected_left_ml=record.injected_left_ml,
        injected_right_ml=record.injected_right_ml,
        plane_left=record.plane_left,
        plane_right=record.plane_right,
        duration_min=record.duration_min,
        complications=record.complications,
        complication_notes=record.complication_notes,
        notes=record.notes,
        comparison=[ComparisonRowOut(**r.__dict__) for r in rows],
        overrides=[
            OverrideOut(item=o.item, what=o.what, reason=o.reason, by=o.by_name, at=o.at)
            for o in procedure_overrides(record)
        ],
        override_reason="",
        updated_at=record.updated_at,
    )


@router.get("/patients/{patient_id}/procedure", response=ProcedureOut)
def procedure_get(request: HttpRequest, patient_id: str) -> ProcedureOut:
    """The procedure record with its comparison to the approved plan (staff)."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id)
    require_staff(actor)
    record = procedure_of(patient)
    if record is None:
        raise NotFound
    audit_record(actor=actor, action="procedure.view", patient=patient, target=record)
    return procedure_out(patient, record)


@router.put("/patients/{patient_id}/procedure", response=ProcedureOut)
def procedure_put(request: HttpRequest, patient_id: str, data: ProcedureIn) -> ProcedureOut:
    """Record or correct what was done (staff); ``version`` as for plans."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    require_staff(actor)
    record = services.procedure_save(
        actor=actor,
        patient=patient,
        version=data.version,
        data=services.ProcedureInput(
            performed_on=data.performed_on,
            surgeon_id=data.surgeon_id,
            team=data.team,
            anaesthesia=data.anaesthesia,
            harvest=data.harvest,
            processing=data.processing,
            centrifuge_rpm=data.centrifuge_rpm,
            rotor_radius_cm=data.rotor_radius_cm,
            centrifuge_minutes=data.centrifuge_minutes,
            injected_left_ml=data.injected_left_ml,
            injected_right_ml=data.injected_right_ml,
            plane_left=data.plane_left,
            plane_right=data.plane_right,
            duration_min=data.duration_min,
            complications=tuple(data.complications),
            complication_notes=data.complication_notes,
            notes=data.notes,
            overridden=tuple(o.item for o in data.overrides),
            override_reasons={o.item: o.reason for o in data.overrides if o.reason.strip()},
            override_reason=data.override_reason,
        ),
    )
    return procedure_out(patient, record)


@router.get("/patients/{patient_id}/procedure/checks", response=list[SafetyCheckOut])
def procedure_checks_get(
    request: HttpRequest, patient_id: str, performed_on: dt.date | None = None
) -> list[SafetyCheckOut]:
    """The safety checks a procedure on ``performed_on`` (default: the planned surgery
    date) goes against: each needs a surgeon's override to record it. 409 when the plan
    is not approved."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id)
    require_staff(actor)
    plan = plan_of(patient)
    if plan is None or not plan.is_approved:
        raise services.NotApproved(
            "A procedure can only be recorded against an approved treatment plan."
        )
    day = performed_on or plan.surgery_date or timezone.localdate()
    audit_record(actor=actor, action="procedure.checks", patient=patient, target=plan)
    done = {o.item for o in procedure_overrides(procedure_of(patient))}
    return [
        SafetyCheckOut(**c.as_dict())
        for c in procedure_checks(patient, plan, performed_on=day)
        if c.key not in done
    ]
