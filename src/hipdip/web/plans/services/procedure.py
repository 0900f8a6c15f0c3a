"""The procedure record: what was done on the day, checked against the approved plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from hipdip.care.grafting import DONOR_SITES
from hipdip.care.processing import relative_centrifugal_force
from hipdip.vision.conventions import SIDES
from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role, User
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import full_clean_or_raise
from hipdip.web.patients.models import Patient
from hipdip.web.plans.models import (
    MAX_ASPIRATE_ML,
    MAX_SIDE_ML,
    Complication,
    ProcedureOverride,
    ProcedureRecord,
    Processing,
    TreatmentPlan,
)
from hipdip.web.plans.selectors import SafetyCheck, procedure_checks
from hipdip.web.plans.services.errors import (
    ChoicesInvalid,
    NotAllowed,
    NotApproved,
    OverrideRequired,
    StaleVersion,
)
from hipdip.web.plans.services.plan import who
from hipdip.web.recovery.services import recovery_course_from_procedure


@dataclass(frozen=True)
class ProcedureInput:
    """What the surgical team records after the procedure."""

    performed_on: dt.date
    surgeon_id: Any
    team: str
    anaesthesia: str
    harvest: dict[str, int]
    processing: str
    centrifuge_rpm: int | None
    rotor_radius_cm: float | None
    centrifuge_minutes: int | None
    injected_left_ml: int | None
    injected_right_ml: int | None
    plane_left: str
    plane_right: str
    duration_min: int
    complications: tuple[str, ...]
    complication_notes: str
    notes: str
    #: Safety checks the surgeon overrides (their keys, see ``procedure_checks``), each
    #: with its own reason or the one ``override_reason`` covering all of them.
    overridden: tuple[str, ...] = ()
    override_reasons: Mapping[str, str] = field(default_factory=dict)
    override_reason: str = ""

    def reason_for(self, key: str) -> str:
        return (self.override_reasons.get(key) or self.override_reason or "").strip()


def _check_procedure(
    data: ProcedureInput, *, patient: Patient, plan: TreatmentPlan, today: dt.date
) -> tuple[dict[str, list[str]], User | None]:
    errors: dict[str, list[str]] = {}

    def bad(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if data.performed_on > today:
        bad("performed_on", "The procedure date cannot be in the future.")
    if plan.approved_at and data.performed_on < timezone.localdate(plan.approved_at):
        bad("performed_on", "The procedure cannot be before the plan was approved.")
    surgeon = (
        User.objects.filter(
            pk=data.surgeon_id, role=Role.SURGEON, clinic=patient.clinic, is_active=True
        ).first()
        if data.surgeon_id
        else None
    )
    if surgeon is None:
        bad("surgeon", "Choose the operating surgeon from this clinic.")
    unknown = [s for s in data.harvest if s not in DONOR_SITES]
    if unknown:
        bad("harvest", f"Unknown donor site: {', '.join(unknown)}.")
    if any(not 0 <= v <= MAX_ASPIRATE_ML for v in data.harvest.values()):
        bad("harvest", f"Enter 0 to {MAX_ASPIRATE_ML} mL for each donor site.")
    for side in SIDES:
        ml = getattr(data, f"injected_{side}_ml")
        if ml is not None and not 0 <= ml <= MAX_SIDE_ML:
            bad(f"injected_{side}_ml", f"Enter 0 to {MAX_SIDE_ML} mL.")
    known = set(Complication.values)
    if set(data.complications) - known:
        bad("complications", "Unknown complication code.")
    if not any(v > 0 for v in data.harvest.values()):
        bad("harvest", "Enter the volume harvested from at least one donor site.")
    if data.processing == Processing.CENTRIFUGATION and not (
        data.centrifuge_rpm and data.rotor_radius_cm
    ):
        bad("centrifuge_rpm", "For centrifugation, record the speed and the rotor radius.")
    if data.injected_left_ml is None and data.injected_right_ml is None:
        bad("injected_left_ml", "Enter the volume injected on at least one side.")
    for side in SIDES:
        if getattr(data, f"injected_{side}_ml") and not getattr(data, f"plane_{side}"):
            bad(f"plane_{side}", "Record the plane the fat was placed in.")
    complications = set(data.complications)
    if not complications:
        bad("complications", "Tick “None” or the complications that happened.")
    if Complication.NONE in complications and len(complications) > 1:
        bad("complications", "“None” cannot be ticked together with a complication.")
    if Complication.OTHER in complications and not data.complication_notes.strip():
        bad("complication_notes", "Describe the other complication.")
    return errors, surgeon


def procedure_save(
    *,
    actor: Actor,
    patient: Patient,
    data: ProcedureInput,
    version: int,
    today: dt.date | None = None,
) -> ProcedureRecord:
    """Record (or correct) what was done. Needs an approved plan; no lost updates."""
    today = today or timezone.localdate()
    with transaction.atomic():
        plan = TreatmentPlan.objects.select_for_update().filter(patient=patient).first()
        if plan is None or not plan.is_approved:
            raise NotApproved(
                "A procedure can only be recorded against an approved treatment plan: "
                "ask a surgeon to approve the plan first."
            )
        record = ProcedureRecord.objects.select_for_update().filter(patient=patient).first()
        current = record.version if record else 0
        if version != current:
            raise StaleVersion(
                f"{who(record.updated_by if record else None)} saved this record while you "
                "were editing it. Your changes were not saved: check their version and apply "
                "yours again.",
                details={"current_version": current},
            )
        errors, surgeon = _check_procedure(data, patient=patient, plan=plan, today=today)
        if errors:
            raise ChoicesInvalid(next(iter(errors.values()))[0], details=errors)
        decisions = _overrides_needed(actor, patient, plan, record, data, today)
        created = record is None
        record = record or ProcedureRecord(
            patient=patient, plan=plan, created_by=actor.user, version=0
        )
        _fill(record, data, surgeon)
        record.version += 1
        record.updated_by = actor.user
        record.updated_at = timezone.now()
        full_clean_or_raise(record)
        record.save()
        _record_overrides(actor, record, decisions, data)
        audit_record(
            actor=actor,
            action="procedure.create" if created else "procedure.change",
            patient=patient,
            target=record,
            detail={"overridden": [c.key for c in decisions]} if decisions else None,
        )
        recovery_course_from_procedure(  # the recovery course follows the procedure date
            actor=actor,
            patient=patient,
            procedure_date=record.performed_on,
            procedure_ref=str(record.pk),
        )
    return record


def _overrides_needed(
    actor: Actor,
    patient: Patient,
    plan: TreatmentPlan,
    record: ProcedureRecord | None,
    data: ProcedureInput,
    today: dt.date,
) -> list[SafetyCheck]:
    """The safety checks this save overrides; refuses when one is not overridden.

    A check already overridden on this record (a correction) needs no second decision.
    Only a surgeon may override, each check ticked and with a reason.
    """
    done = set(record.overrides.values_list("item", flat=True)) if record else set()
    checks = [
        c
        for c in procedure_checks(patient, plan, performed_on=data.performed_on, today=today)
        if c.key not in done
    ]
    if not checks:
        return []
    is_surgeon = actor.user is not None and actor.user.role == Role.SURGEON
    wanted = set(data.overridden)
    if wanted and not is_surgeon:
        raise NotAllowed("Only a surgeon can decide to go ahead despite a safety check.")
    missing = [c for c in checks if c.key not in wanted or not data.reason_for(c.key)]
    if missing:
        who_decides = (
            "Tick each check you decide to go ahead despite and give your reason."
            if is_surgeon
            else "A surgeon has to record the decision to go ahead, with a reason."
        )
        raise OverrideRequired(
            "This procedure can't be recorded without a surgeon's decision: "
            + "; ".join(c.title.lower() for c in missing)
            + ". "
            + who_decides,
            details={"overrides_needed": [c.as_dict() for c in missing]},
        )
    return checks


def _record_overrides(
    actor: Actor, record: ProcedureRecord, checks: list[SafetyCheck], data: ProcedureInput
) -> None:
    for check in checks:
        row = ProcedureOverride(
            record=record,
            item=check.key,
            what=f"{check.title}: {check.detail}",
            reason=data.reason_for(check.key),
            by=actor.user,
            by_name=who(actor.user),
        )
        full_clean_or_raise(row)
        row.save()
        audit_record(
            actor=actor,
            action="procedure.override",
            patient=record.patient,
            target=record,
            detail={"item": check.key},
        )


def _fill(record: ProcedureRecord, data: ProcedureInput, surgeon: User | None) -> None:
    record.performed_on = data.performed_on
    record.surgeon = surgeon
    record.surgeon_name = who(surgeon)
    record.team = data.team
    record.anaesthesia = data.anaesthesia
    record.harvest = {k: int(v) for k, v in data.harvest.items() if v}
    record.processing = data.processing
    centrifuged = data.processing == Processing.CENTRIFUGATION
    record.centrifuge_rpm = data.centrifuge_rpm if centrifuged else None
    record.rotor_radius_cm = (
        Decimal(str(data.rotor_radius_cm)) if centrifuged and data.rotor_radius_cm else None
    )
    record.centrifuge_minutes = data.centrifuge_minutes if centrifuged else None
    record.centrifuge_g = (
        round(
            relative_centrifugal_force(
                rpm=data.centrifuge_rpm, radius_cm=float(data.rotor_radius_cm)
            )
        )
        if centrifuged and data.centrifuge_rpm and data.rotor_radius_cm
        else None
    )
    record.injected_left_ml = data.injected_left_ml
    record.injected_right_ml = data.injected_right_ml
    record.plane_left = data.plane_left if data.injected_left_ml else ""
    record.plane_right = data.plane_right if data.injected_right_ml else ""
    record.duration_min = data.duration_min
    record.complications = sorted(set(data.complications))
    record.complication_notes = data.complication_notes
    record.notes = data.notes
