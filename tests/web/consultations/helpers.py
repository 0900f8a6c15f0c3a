"""Building consultation records for tests: complete answers, a submitted intake, an
approved plan, a procedure record. Through the services, as a person would."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.consultations import services as consult
from hipdip.web.consultations.models import Intake
from hipdip.web.patients.models import Patient
from hipdip.web.plans import services as plans
from hipdip.web.plans.models import ProcedureRecord, TreatmentPlan
from hipdip.web.plans.preop import checklist_for
from hipdip.web.plans.selectors import PlanChoices, procedure_checks

from ..factories import PhotoFactory, PhotoSessionFactory, sample_assessment


def complete_answers(**overrides: Any) -> dict[str, Any]:
    """Every needed answer, for a healthy 34-year-old woman with a negative DCQ screen."""
    answers: dict[str, Any] = {
        "date_of_birth": (timezone.localdate() - dt.timedelta(days=34 * 365 + 20)).isoformat(),
        "sex": "female",
        "height_cm": "168",
        "weight_kg": "63.5",
        "weight_trend": "stable",
        "goals": "A smoother line at the side of my hips in fitted clothes.",
        "bothers_side": "both",
        "expectation": "moderate",
        "bleeding_disorder": "no",
        "diabetes": "none",
        "heart_lung_disease": "no",
        "anaesthesia_problems": "no",
        "pregnancy": "no",
        "no_known_allergies": True,
        "medications": ["Ibuprofen 200 mg when needed", "Fish oil capsules"],
        "nicotine": "none",
        "alcohol": "1-7",
        "confirm_true": True,
        "consent_care": True,
        **{f"bi_{n}": "0" for n in range(1, 8)},
    }
    answers.update(overrides)
    return {k: v for k, v in answers.items() if v is not None}


def actor(user: User, channel: str = "web") -> Actor:
    return Actor(user=user, channel=channel)


def measured_session(patient: Patient, *, left: float = 7.4, right: float = 5.1) -> Any:
    session = PhotoSessionFactory(patient=patient)
    for view in ("front", "back"):
        PhotoFactory(
            session=session, view=view, assessment=sample_assessment(view, left=left, right=right)
        )
    return session


def submitted_intake(patient: Patient, by: User, **overrides: Any) -> Intake:
    return consult.intake_submit(
        actor=actor(by), patient=patient, raw=complete_answers(**overrides), version=0
    )


def saved_plan(patient: Patient, by: User, **choices: Any) -> TreatmentPlan:
    current = TreatmentPlan.objects.filter(patient=patient).first()
    base = {"donor_sites": ("abdomen", "flanks")}
    base.update(choices)
    return plans.plan_save(
        actor=actor(by),
        patient=patient,
        choices=PlanChoices(**base),
        version=current.version if current else 0,
    )


def approved_plan(patient: Patient, surgeon: User, **choices: Any) -> TreatmentPlan:
    plan = saved_plan(patient, surgeon, **choices)
    return plans.plan_approve(actor=actor(surgeon), patient=patient, version=plan.version)


def procedure_input(surgeon: User, **overrides: Any) -> plans.ProcedureInput:
    data: dict[str, Any] = {
        "performed_on": timezone.localdate(),
        "surgeon_id": surgeon.pk,
        "team": "Dr A. Anaesthetist; N. Nurse",
        "anaesthesia": "local_tumescent",
        "harvest": {"abdomen": 350, "flanks": 250},
        "processing": "centrifugation",
        "centrifuge_rpm": 3000,
        "rotor_radius_cm": 10.0,
        "centrifuge_minutes": 3,
        "injected_left_ml": 80,
        "injected_right_ml": 60,
        "plane_left": "subcutaneous",
        "plane_right": "subcutaneous",
        "duration_min": 150,
        "complications": ("none",),
        "complication_notes": "",
        "notes": "",
    }
    data.update(overrides)
    return plans.ProcedureInput(**data)


def recorded_procedure(
    patient: Patient, surgeon: User, *, override: bool = True, **overrides: Any
) -> ProcedureRecord:
    """Record the procedure as ``surgeon``; with ``override`` the surgeon goes ahead
    despite every safety check the record meets (with one reason covering them)."""
    current = ProcedureRecord.objects.filter(patient=patient).first()
    data = procedure_input(surgeon, **overrides)
    plan = TreatmentPlan.objects.filter(patient=patient).first()
    if override and plan is not None and plan.is_approved:
        keys = tuple(c.key for c in procedure_checks(patient, plan, performed_on=data.performed_on))
        data = dataclasses.replace(
            data, overridden=keys, override_reason="Checked with the patient on the day."
        )
    return plans.procedure_save(
        actor=actor(surgeon),
        patient=patient,
        data=data,
        version=current.version if current else 0,
    )


def tick_whole_checklist(patient: Patient, by: User) -> None:
    """The patient (or staff) ticks every item of the pre-op checklist."""
    for row in checklist_for(patient).rows:
        plans.checklist_tick(actor=actor(by), patient=patient, key=row.key, done=True)
