"""Saving the surgeon's choices (no lost updates), approval and the pre-op checklist
ticks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from hipdip.care.grafting import DONOR_SITES, Anaesthesia, InjectionPlane
from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role, User
from hipdip.web.audit.services import audit_record
from hipdip.web.consultations.selectors import screening_for
from hipdip.web.core.errors import Conflict, DomainError, full_clean_or_raise
from hipdip.web.patients.models import Patient
from hipdip.web.plans.models import (
    ANAESTHESIA_LABELS,
    MAX_ASPIRATE_ML,
    MAX_SIDE_ML,
    ChecklistTick,
    GraftSides,
    PlanEvent,
    PlanEventKind,
    PlanStatus,
    ProcedureRecord,
    TreatmentPlan,
)
from hipdip.web.plans.preop import checklist_for
from hipdip.web.plans.selectors import (
    PlanChoices,
    compute,
    plan_summary,
    plane_label,
    session_info,
)
from hipdip.web.plans.services.errors import ChoicesInvalid, NotAllowed, StaleVersion

_LABELS = {
    "graft_sides": "Sides to graft",
    "plane_left": "Injection plane, left",
    "plane_right": "Injection plane, right",
    "donor_sites": "Donor sites",
    "anaesthesia": "Anaesthesia",
    "contour_liposuction_ml": "Extra contouring liposuction (mL)",
    "planned_left_ml": "Volume to inject, left (mL)",
    "planned_right_ml": "Volume to inject, right (mL)",
    "surgery_date": "Surgery date",
    "notes": "Notes",
}


def who(user: User | None) -> str:
    """A person's name for messages and records ("someone" when unknown)."""
    return (user.full_name or user.email) if user is not None else "someone"


def validate_choices(
    choices: PlanChoices, *, today: dt.date, previous_date: dt.date | None
) -> dict[str, list[str]]:
    """Each problem with the choices, by field, as a sentence."""
    errors: dict[str, list[str]] = {}

    def bad(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if choices.graft_sides not in GraftSides.values:
        bad("graft_sides", "Choose both sides, the left or the right.")
    for name in ("plane_left", "plane_right"):
        if getattr(choices, name) not in {p.value for p in InjectionPlane}:
            bad(name, "Choose an injection plane.")
    if choices.anaesthesia not in {a.value for a in Anaesthesia}:
        bad("anaesthesia", "Choose the anaesthesia.")
    unknown = [d for d in choices.donor_sites if d not in DONOR_SITES]
    if unknown:
        bad("donor_sites", f"Unknown donor site: {', '.join(unknown)}.")
    if len(set(choices.donor_sites)) != len(choices.donor_sites):
        bad("donor_sites", "Each donor site once, please.")
    if not 0 <= choices.contour_liposuction_ml <= MAX_ASPIRATE_ML:
        bad("contour_liposuction_ml", f"Enter 0 to {MAX_ASPIRATE_ML} mL.")
    for name in ("planned_left_ml", "planned_right_ml"):
        value = getattr(choices, name)
        if value is not None and not 0 <= value <= MAX_SIDE_ML:
            bad(name, f"Enter 0 to {MAX_SIDE_ML} mL, or leave it empty to use the estimate.")
    date = choices.surgery_date
    if date is not None and date != previous_date and date < today:
        bad("surgery_date", f"The surgery date cannot be in the past (today is {today:%d %b %Y}).")
    if len(choices.notes) > 4000:
        bad("notes", "Please keep the notes under 4,000 characters.")
    return errors


def locked_plan(patient: Patient, version: int) -> TreatmentPlan | None:
    plan = (
        TreatmentPlan.objects.select_for_update(of=("self",))  # PostgreSQL: no outer joins
        .select_related("updated_by")
        .filter(patient=patient)
        .first()
    )
    current = plan.version if plan is not None else 0
    if version != current:
        when = timezone.localtime(plan.updated_at) if plan is not None else None
        raise StaleVersion(
            f"{who(plan.updated_by if plan else None)} saved this plan"
            + (f" at {when:%H:%M}" if when else "")
            + " while you were editing it. Your changes were not saved: check their version "
            "and apply yours again.",
            details={"current_version": current},
        )
    return plan


def plan_save(
    *,
    actor: Actor,
    patient: Patient,
    choices: PlanChoices,
    version: int,
    today: dt.date | None = None,
) -> TreatmentPlan:
    """Create or change the plan. ``version`` must be the one the editor started from.

    A clinical change to an approved plan withdraws the approval (recorded); a new
    surgery date alone does not. A plan with a recorded procedure cannot change.
    """
    today = today or timezone.localdate()
    screening = screening_for(patient, today=today)
    if not screening.ready:
        raise DomainError("The intake has to be submitted before planning.", code="no_intake")
    if screening.unresolved_stops:
        codes = ", ".join(f.code for f in screening.unresolved_stops)
        raise DomainError(
            f"A plan cannot be made while stop findings are unresolved ({codes}).",
            code="unresolved_stop",
        )
    with transaction.atomic():
        plan = locked_plan(patient, version)
        if plan is not None and ProcedureRecord.objects.filter(plan=plan).exists():
            raise DomainError(
                "The procedure has been recorded; the plan can no longer change.",
                code="plan_locked",
            )
        before = PlanChoices.of(plan) if plan else None
        errors = validate_choices(
            choices, today=today, previous_date=before.surgery_date if before else None
        )
        if errors:
            raise ChoicesInvalid(next(iter(errors.values()))[0], details=errors)
        plan = _apply(
            plan or TreatmentPlan(patient=patient, created_by=actor.user, version=0), choices
        )
        changes = plan_changes(before, choices) if before else []
        if before is not None and not changes:
            return plan
        withdrawn = plan.is_approved and any(c["field"] in PlanChoices.CLINICAL for c in changes)
        if withdrawn:
            plan.status = PlanStatus.DRAFT
        plan.measurement_session = screening.measurements.session
        plan.version += 1
        plan.updated_at = timezone.now()
        plan.updated_by = actor.user
        full_clean_or_raise(plan)
        try:
            with transaction.atomic():
                plan.save()
        except IntegrityError as exc:
            raise StaleVersion(
                "Someone created this plan at the same moment. Reload to see it.",
                details={"current_version": None},
            ) from exc
        kind = PlanEventKind.CREATED if before is None else PlanEventKind.CHANGED
        _event(plan, actor, kind, changes)
        if withdrawn:
            _event(plan, actor, PlanEventKind.APPROVAL_WITHDRAWN, [])
        audit_record(
            actor=actor,
            action="plan.create" if before is None else "plan.change",
            patient=patient,
            target=plan,
            detail={"fields": [c["field"] for c in changes], "approval_withdrawn": withdrawn},
        )
    return plan


def _apply(plan: TreatmentPlan, c: PlanChoices) -> TreatmentPlan:
    plan.graft_sides = c.graft_sides
    plan.plane_left = c.plane_left
    plan.plane_right = c.plane_right
    plan.donor_sites = list(c.donor_sites)
    plan.anaesthesia = c.anaesthesia
    plan.contour_liposuction_ml = c.contour_liposuction_ml
    plan.planned_left_ml = c.planned_left_ml
    plan.planned_right_ml = c.planned_right_ml
    plan.surgery_date = c.surgery_date
    plan.notes = c.notes
    return plan


def _show(name: str, value: Any) -> str:
    if value is None or value == "" or value == ():
        return "—"
    if name.startswith("plane_"):
        return plane_label(value)
    if name == "donor_sites":
        return ", ".join(DONOR_SITES[d].name for d in value if d in DONOR_SITES)
    if name == "graft_sides":
        return str(GraftSides(value).label)
    if name == "anaesthesia":
        return ANAESTHESIA_LABELS.get(str(value), str(value))
    if isinstance(value, dt.date):
        return f"{value:%d %b %Y}"
    return str(value)


def plan_changes(before: PlanChoices, after: PlanChoices) -> list[dict[str, str]]:
    out = []
    for name, label in _LABELS.items():
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            out.append(
                {"field": name, "label": label, "old": _show(name, old), "new": _show(name, new)}
            )
    return out


def _event(plan: TreatmentPlan, actor: Actor, kind: str, changes: list[dict[str, str]]) -> None:
    PlanEvent.objects.create(
        plan=plan,
        kind=kind,
        version=plan.version,
        by=actor.user,
        by_name=who(actor.user),
        changes=changes,
    )


def plan_approve(
    *,
    actor: Actor,
    patient: Patient,
    version: int,
    today: dt.date | None = None,
    measurement_session_id: str | None = None,
) -> TreatmentPlan:
    """A surgeon approves the plan as it stands at ``version``; its figures are frozen.

    Refused while any stop finding (screening or plan) is unresolved, or when the plan
    changed since the surgeon looked at it. ``measurement_session_id``, when given, is
    the photo session the surgeon saw on the confirmation page: newer photos since then
    refuse the approval (the figures would not be the ones shown).
    """
    user = actor.user
    if user is None or user.role != Role.SURGEON:
        raise NotAllowed("Only a surgeon can approve a treatment plan.")
    today = today or timezone.localdate()
    with transaction.atomic():
        plan = locked_plan(patient, version)
        if plan is None:
            raise DomainError("There is no plan to approve yet.", code="no_plan")
        if plan.is_approved:
            raise Conflict("This plan is already approved.", code="already_approved")
        choices = PlanChoices.of(plan)
        computed = compute(choices, screening_for(patient, today=today))
        if computed.care_plan is None or computed.unresolved:
            reasons = [f.code for f in computed.unresolved] or [computed.problem]
            raise DomainError(
                "The plan cannot be approved yet: " + "; ".join(r for r in reasons if r) + ".",
                code="not_approvable",
                details={"unresolved": [f.code for f in computed.unresolved]},
            )
        session = computed.screening.measurements.session
        if measurement_session_id is not None and str(session.pk if session else "") != str(
            measurement_session_id
        ):
            raise Conflict(
                "New measurements arrived while you were reviewing the plan: check the new "
                "figures and approve again.",
                code="measurements_changed",
            )
        snapshot = plan_summary(
            choices, computed, session_info=session_info(computed.screening.measurements)
        )
        plan.status = PlanStatus.APPROVED
        plan.approved_at = timezone.now()
        plan.approved_by = user
        plan.approved_by_name = who(user)
        plan.approved_version = plan.version
        plan.approved_snapshot = snapshot
        plan.confirmed_measurements = None
        plan.measurement_session = computed.screening.measurements.session
        full_clean_or_raise(plan)
        plan.save()
        _event(plan, actor, PlanEventKind.APPROVED, [])
        audit_record(
            actor=actor,
            action="plan.approve",
            patient=patient,
            target=plan,
            detail={"version": plan.version},
        )
    return plan


def checklist_tick(
    *, actor: Actor, patient: Patient, key: str, done: bool, today: dt.date | None = None
) -> bool:
    """Mark a pre-op checklist item done (or not done again). Returns the new state."""
    today = today or timezone.localdate()
    view = checklist_for(patient, today=today)
    item = next((i for i in view.items if i.key == key), None)
    if item is None:
        raise DomainError("This checklist item no longer exists; reload the page.", code="no_item")
    with transaction.atomic():
        ChecklistTick.objects.filter(patient=patient, item_key=key).delete()
        if done:
            ChecklistTick.objects.create(
                patient=patient, item_key=key, item_text=item.text, ticked_by=actor.user
            )
        audit_record(
            actor=actor,
            action="preop.tick" if done else "preop.untick",
            patient=patient,
            detail={"item": key},
        )
    return done
