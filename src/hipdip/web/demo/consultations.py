"""Demo consultations and plans (called by ``hipdip demo``; safe to run again).

* patient2@example.com: a submitted intake (vaping, the contraceptive pill, an unlisted
  antihistamine: cautions and a note for the surgeon), the screening findings, and a
  surgeon-approved plan for surgery in five weeks, so the pre-op checklist is live.
* patient3@example.com: the same path about seven weeks earlier (mild asthma reported,
  a stop finding the surgeon resolved with a recorded reason), then the procedure record,
  dated on the day the recovery course starts.

Everything goes through the services, so it is validated and audited like real data; only
the timestamps of past steps are moved back afterwards so the story reads in order. A
patient who already has an intake is left as they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.consultations import services
from hipdip.web.consultations.models import FindingOverride, Intake, IntakeChange
from hipdip.web.demo.recovery import DAYS_AFTER_SURGERY, DEMO_TIMEZONE
from hipdip.web.patients.models import HeightSource, Patient, PatientHeight
from hipdip.web.plans import services as plans
from hipdip.web.plans.models import PlanEvent, PlanEventKind, TreatmentPlan
from hipdip.web.plans.selectors import PlanChoices, procedure_checks
from hipdip.web.recovery.selectors import patient_today

PATIENT2_SURGERY_IN_DAYS = 35
PATIENT3_CONSULTED_DAYS_BEFORE_SURGERY = 40


def _answers(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "sex": "female",
        "weight_trend": "stable",
        "bothers_side": "both",
        "expectation": "moderate",
        "bleeding_disorder": "no",
        "diabetes": "none",
        "heart_lung_disease": "no",
        "anaesthesia_problems": "no",
        "pregnancy": "no",
        "no_known_allergies": False,
        "alcohol": "1-7",
        "confirm_true": True,
        "consent_care": True,
        **{f"bi_{n}": "0" for n in range(1, 8)},
    }
    base.update(extra)
    return base


def _patient2_answers(today: dt.date) -> dict[str, Any]:
    return _answers(
        date_of_birth=dt.date(today.year - 31, 3, 14).isoformat(),
        height_cm=183,
        weight_kg=71,
        goals="I would like the outline of my hips to look smoother in fitted dresses. "
        "I have trained for a year and the curve has not changed much.",
        allergies=[{"substance": "Penicillin", "kind": "drug", "reaction": "Itchy rash"}],
        medications=[
            "Combined contraceptive pill",
            "Ibuprofen 400 mg for period pain",
            "Fish oil capsules",
            "Cetirizine 10 mg in summer",
        ],
        nicotine="current",
        nicotine_details="Vape, about 10 puffs a day",
        questions="How long will I need to wear the compression garment? Can I fly a week "
        "after surgery?",
        bi_1="1",
        bi_6="1",
    )


def _patient3_answers(today: dt.date) -> dict[str, Any]:
    return _answers(
        date_of_birth=dt.date(today.year - 38, 9, 2).isoformat(),
        height_cm=165,
        weight_kg=61.5,
        weight_trend="lost",
        weight_change_kg=2,
        goals="A softer line between my waist and thighs on the left more than the right.",
        bothers_side="both",
        heart_lung_disease="yes",
        heart_lung_details="Mild asthma since childhood; an inhaler a few times a year.",
        no_known_allergies=True,
        medications=["Salbutamol inhaler when needed", "Vitamin E 400 IU"],
        nicotine="none",
        alcohol="none",
        questions="Will the scars show in a bikini?",
    )


def demo_consultations(*, patients: dict[str, Patient], staff: dict[str, User]) -> None:
    surgeon = Actor(user=staff["surgeon@example.com"], channel="cli")
    coordinator = Actor(user=staff["coordinator@example.com"], channel="cli")
    today = patient_today(DEMO_TIMEZONE)
    _patient2(patients["patient2@example.com"], surgeon, coordinator, today)
    _patient3(patients["patient3@example.com"], surgeon, coordinator, today)


def _patient2(patient: Patient, surgeon: Actor, coordinator: Actor, today: dt.date) -> None:
    if Intake.objects.filter(patient=patient).exists():
        return
    me = Actor(user=patient.user, channel="cli")
    with transaction.atomic():
        services.intake_submit(actor=me, patient=patient, raw=_patient2_answers(today), version=0)
        plan = plans.plan_save(
            actor=surgeon,
            patient=patient,
            version=0,
            choices=PlanChoices(
                donor_sites=("abdomen", "flanks"),
                surgery_date=today + dt.timedelta(days=PATIENT2_SURGERY_IN_DAYS),
                notes="Stop vaping now; recheck at the pre-op visit.",
            ),
        )
        plans.plan_approve(actor=surgeon, patient=patient, version=plan.version)
    _move_back(patient, days=5)


def _patient3(patient: Patient, surgeon: Actor, coordinator: Actor, today: dt.date) -> None:
    if Intake.objects.filter(patient=patient).exists():
        return
    surgery = today - dt.timedelta(days=DAYS_AFTER_SURGERY)
    consulted = surgery - dt.timedelta(days=PATIENT3_CONSULTED_DAYS_BEFORE_SURGERY)
    me = Actor(user=patient.user, channel="cli")
    with transaction.atomic():
        services.intake_submit(
            actor=me, patient=patient, raw=_patient3_answers(consulted), version=0, today=consulted
        )
        services.finding_override_create(
            actor=surgeon,
            patient=patient,
            code="heart_lung_disease",
            reason="Mild intermittent asthma, well controlled; GP letter on file; tumescent "
            "local anaesthesia planned.",
        )
        plan = plans.plan_save(
            actor=coordinator,
            patient=patient,
            version=0,
            today=consulted,
            choices=PlanChoices(
                graft_sides="both",
                donor_sites=("abdomen", "outer_thighs"),
                planned_left_ml=240,
                surgery_date=surgery,
            ),
        )
        plans.plan_approve(actor=surgeon, patient=patient, version=plan.version, today=consulted)
        _move_back(patient, days=(today - consulted).days)
        assert surgeon.user is not None
        checks = procedure_checks(
            patient, TreatmentPlan.objects.get(patient=patient), performed_on=surgery
        )
        plans.procedure_save(
            actor=surgeon,
            patient=patient,
            version=0,
            data=plans.ProcedureInput(
                performed_on=surgery,
                surgeon_id=surgeon.user.pk,
                team="Dr Lena Ward (anaesthetist); Tom Ellis (scrub nurse)",
                anaesthesia="local_tumescent",
                harvest={"abdomen": 960, "outer_thighs": 690},
                processing="centrifugation",
                centrifuge_rpm=3000,
                rotor_radius_cm=12.0,
                centrifuge_minutes=3,
                injected_left_ml=235,
                injected_right_ml=190,
                plane_left="subcutaneous",
                plane_right="subcutaneous",
                duration_min=170,
                complications=("none",),
                complication_notes="",
                notes="Small entry points at the groin crease and the sacral dimples.",
                overridden=tuple(c.key for c in checks),
                override_reason="Checklist gone through with the patient at the pre-op visit "
                "on paper; signed copy on file.",
            ),
        )


def _move_back(patient: Patient, *, days: int) -> None:
    """Date the consultation steps ``days`` ago, in the order they happened."""
    now = timezone.now()
    at = now - dt.timedelta(days=days)
    intake = Intake.objects.get(patient=patient)
    Intake.objects.filter(pk=intake.pk).update(
        created_at=at - dt.timedelta(hours=2), updated_at=at, submitted_at=at
    )
    IntakeChange.objects.filter(intake=intake).update(at=at)
    FindingOverride.objects.filter(patient=patient).update(
        created_at=at + dt.timedelta(hours=20), decided_on=(at + dt.timedelta(hours=20)).date()
    )
    PatientHeight.objects.filter(patient=patient, source=HeightSource.INTAKE).update(recorded_at=at)
    decided = at + dt.timedelta(days=1)
    approved = decided + dt.timedelta(minutes=30)
    TreatmentPlan.objects.filter(patient=patient).update(
        created_at=decided, updated_at=approved, approved_at=approved
    )
    # The history's approval is the plan's approval time (the page shows both).
    events = PlanEvent.objects.filter(plan__patient=patient)
    events.exclude(kind=PlanEventKind.APPROVED).update(at=decided)
    events.filter(kind=PlanEventKind.APPROVED).update(at=approved)
