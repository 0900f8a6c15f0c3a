"""After new measurements: a surgeon keeps an approved plan's figures (re-confirms, with a
reason) or sends it back to draft to revise it. Either way the decision is in its history."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role
from hipdip.web.audit.services import audit_record
from hipdip.web.consultations.selectors import screening_for
from hipdip.web.core.errors import Conflict, DomainError, full_clean_or_raise
from hipdip.web.patients.models import Patient
from hipdip.web.plans.models import (
    PlanEvent,
    PlanEventKind,
    PlanStatus,
    ProcedureRecord,
    TreatmentPlan,
)
from hipdip.web.plans.selectors import (
    Computed,
    Drift,
    PlanChoices,
    compute,
    plan_drift,
    plan_summary,
)
from hipdip.web.plans.selectors.drift import current_measurements
from hipdip.web.plans.services.errors import NotAllowed
from hipdip.web.plans.services.plan import locked_plan, who


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            "Write the reason: it is kept with the plan's history.",
            code="reason_required",
            details={"reason": ["Write the reason."]},
        )
    return reason


def _drifted_plan(
    actor: Actor, patient: Patient, version: int, today: dt.date
) -> tuple[TreatmentPlan, Drift, Computed]:
    user = actor.user
    if user is None or user.role != Role.SURGEON:
        raise NotAllowed("Only a surgeon can re-confirm or revise an approved plan.")
    plan = locked_plan(patient, version)
    if plan is None or not plan.is_approved:
        raise Conflict("Only an approved plan can be re-confirmed.", code="not_approved")
    computed = compute(PlanChoices.of(plan), screening_for(patient, today=today))
    has_procedure = ProcedureRecord.objects.filter(plan=plan).exists()
    drift = plan_drift(plan, computed, has_procedure=has_procedure)
    if drift is None:
        raise Conflict(
            "The plan's measurements have not changed since approval: nothing to confirm.",
            code="no_change",
        )
    return plan, drift, computed


def _drift_changes(drift: Drift) -> list[dict[str, str]]:
    def mm(v: float | None) -> str:
        return "—" if v is None else f"{v:.1f} mm"

    def ml(v: float | None) -> str:
        return "—" if v is None else f"{v:.0f} mL"

    out = []
    for s in drift.sides:
        side = s.side.capitalize()
        out.append(
            {
                "field": f"depth_{s.side}",
                "label": f"{side} dip depth",
                "old": mm(s.approved_depth_mm),
                "new": mm(s.new_depth_mm),
            }
        )
        out.append(
            {
                "field": f"volume_{s.side}",
                "label": f"{side} volume (approved / new estimate)",
                "old": ml(s.approved_ml),
                "new": ml(s.new_ml),
            }
        )
    return out


def plan_reconfirm(
    *, actor: Actor, patient: Patient, version: int, reason: str, today: dt.date | None = None
) -> TreatmentPlan:
    """After new measurements, a surgeon keeps the approved figures, with a reason.

    The approved figures do not change; the new measurements become the ones the plan
    is confirmed on, so the plan stops asking until the next new photos.
    """
    reason = _reason(reason)
    today = today or timezone.localdate()
    with transaction.atomic():
        plan, drift, computed = _drifted_plan(actor, patient, version, today)
        fresh = plan_summary(PlanChoices.of(plan), computed) if computed.care_plan else None
        plan.confirmed_measurements = current_measurements(computed, fresh)
        plan.measurement_session = computed.screening.measurements.session
        plan.save(update_fields=["confirmed_measurements", "measurement_session"])
        PlanEvent.objects.create(
            plan=plan,
            kind=PlanEventKind.RECONFIRMED,
            version=plan.version,
            by=actor.user,
            by_name=who(actor.user),
            changes=_drift_changes(drift),
            reason=reason,
        )
        audit_record(actor=actor, action="plan.reconfirm", patient=patient, target=plan)
    return plan


def plan_revise(
    *, actor: Actor, patient: Patient, version: int, reason: str = "", today: dt.date | None = None
) -> TreatmentPlan:
    """After new measurements, a surgeon sends the approved plan back to draft to revise
    it on the new figures; it needs approving again."""
    today = today or timezone.localdate()
    with transaction.atomic():
        plan, drift, _ = _drifted_plan(actor, patient, version, today)
        plan.status = PlanStatus.DRAFT
        plan.version += 1
        plan.updated_at = timezone.now()
        plan.updated_by = actor.user
        full_clean_or_raise(plan)
        plan.save()
        PlanEvent.objects.create(
            plan=plan,
            kind=PlanEventKind.REVISED,
            version=plan.version,
            by=actor.user,
            by_name=who(actor.user),
            changes=_drift_changes(drift),
            reason=(reason or "").strip(),
        )
        audit_record(actor=actor, action="plan.revise", patient=patient, target=plan)
    return plan
