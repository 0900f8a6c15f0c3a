"""Bringing a permission-matrix record's patient to a stage of the consultation.

Each helper is idempotent and returns the patient's id, so the matrix can call it inside
a URL lambda: whoever asks, the record is in the same state when the request arrives.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from hipdip.web.accounts.models import Role, User
from hipdip.web.consultations.models import Intake
from hipdip.web.patients.models import Patient
from hipdip.web.plans.models import ProcedureRecord, TreatmentPlan

from ..factories import StaffFactory
from .helpers import (
    approved_plan,
    complete_answers,
    recorded_procedure,
    saved_plan,
    submitted_intake,
    tick_whole_checklist,
)

SURGERY_IN_DAYS = 21


def surgeon_of(patient: Patient) -> User:
    return User.objects.filter(clinic=patient.clinic, role=Role.SURGEON).first() or StaffFactory(
        clinic=patient.clinic, role=Role.SURGEON
    )


def with_intake(r: Any, **answers: Any) -> str:
    patient = r.patient
    if not Intake.objects.filter(patient=patient).exists():
        submitted_intake(patient, patient.user, **answers)
    return str(patient.pk)


def with_stop_finding(r: Any) -> str:
    """A submitted intake naming an antiplatelet: a stop finding to override."""
    return with_intake(r, medications=["Plavix 75 mg"])


def with_plan(r: Any) -> str:
    """A draft plan at version 1 with a surgery date in three weeks."""
    with_intake(r)
    if not TreatmentPlan.objects.filter(patient=r.patient).exists():
        saved_plan(
            r.patient,
            surgeon_of(r.patient),
            surgery_date=timezone.localdate() + dt.timedelta(days=SURGERY_IN_DAYS),
        )
    return str(r.patient.pk)


def with_approved_plan(r: Any) -> str:
    with_intake(r)
    if not TreatmentPlan.objects.filter(patient=r.patient).exists():
        approved_plan(
            r.patient,
            surgeon_of(r.patient),
            surgery_date=timezone.localdate() + dt.timedelta(days=SURGERY_IN_DAYS),
        )
    return str(r.patient.pk)


def with_plan_ready_for_surgery(r: Any) -> str:
    """An approved plan for surgery today with the whole pre-op checklist ticked: a
    procedure recorded today needs nobody's override."""
    with_intake(r)
    if not TreatmentPlan.objects.filter(patient=r.patient).exists():
        approved_plan(r.patient, surgeon_of(r.patient), surgery_date=timezone.localdate())
        tick_whole_checklist(r.patient, r.patient.user)
    return str(r.patient.pk)


def with_procedure(r: Any) -> str:
    with_approved_plan(r)
    if not ProcedureRecord.objects.filter(patient=r.patient).exists():
        recorded_procedure(r.patient, surgeon_of(r.patient))
    return str(r.patient.pk)


def intake_form() -> dict[str, Any]:
    data: dict[str, Any] = {"version": "0", "action": "submit"}
    for name, value in complete_answers().items():
        if value is True:
            data[name] = "on"
        elif isinstance(value, list):
            data[name] = "\n".join(value)
        else:
            data[name] = str(value)
    return data


def plan_form(version: int) -> dict[str, Any]:
    return {
        "version": str(version),
        "graft_sides": "both",
        "plane_left": "subcutaneous",
        "plane_right": "subcutaneous",
        "donor_sites": ["abdomen"],
        "contour_liposuction_ml": "0",
        "anaesthesia": "local_tumescent",
    }


def procedure_form(r: Any) -> dict[str, Any]:
    return {
        "version": "0",
        "performed_on": timezone.localdate().isoformat(),
        "surgeon": str(surgeon_of(r.patient).pk),
        "anaesthesia": "local_tumescent",
        "processing": "decantation",
        "harvest_abdomen": "300",
        "injected_left_ml": "60",
        "plane_left": "subcutaneous",
        "duration_min": "100",
        "complications": "none",
    }


def procedure_json(r: Any) -> dict[str, Any]:
    return {
        "version": 0,
        "performed_on": timezone.localdate().isoformat(),
        "surgeon_id": surgeon_of(r.patient).pk,
        "anaesthesia": "general",
        "harvest": {"flanks": 300},
        "processing": "decantation",
        "injected_right_ml": 50,
        "plane_right": "subcutaneous",
        "duration_min": 90,
        "complications": ["none"],
    }
