"""What the consultation page shows, gathered from the selectors of consultations and
plans."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role
from hipdip.web.consultations.presenters import finding_rows
from hipdip.web.consultations.selectors import (
    all_questions,
    intake_of,
    medication_notes,
    questionnaire_of,
    section_states,
)
from hipdip.web.patients.models import Patient
from hipdip.web.plans.preop import checklist_for
from hipdip.web.plans.selectors import plan_drift, plan_of, plan_summary, plan_view, procedure_of


def consultation_context(request: HttpRequest, actor: Actor, patient: Patient) -> dict[str, Any]:
    user = actor.user
    intake = intake_of(patient)
    choices, computed = plan_view(patient)
    screening = computed.screening
    plan = plan_of(patient)
    questions = all_questions(questionnaire_of(intake, patient))
    answers = intake.answers if intake else {}
    checklist = checklist_for(patient, screening=screening)
    procedure = procedure_of(patient)
    return {
        "patient": patient,
        "intake": intake,
        "progress": section_states(answers, questions),
        "answered": sum(s.answered for s in section_states(answers, questions)),
        "needed": sum(s.needed for s in section_states(answers, questions)),
        "is_own": user is not None and patient.user_id == user.pk,
        "is_staff": bool(user and user.is_clinic_staff),
        "is_surgeon": bool(user and user.role == Role.SURGEON),
        "screening": screening,
        "finding_rows": finding_rows(screening.findings, screening.overrides),
        "plan_rows": finding_rows(computed.warnings, screening.overrides),
        "measurements": screening.measurements,
        "left_depth": screening.measurements.depth_mm("left"),
        "right_depth": screening.measurements.depth_mm("right"),
        "plan": plan,
        "computed": computed,
        "summary": (
            plan.approved_snapshot if plan and plan.is_approved else plan_summary(choices, computed)
        ),
        "checklist": checklist,
        "procedure": procedure,
        "plan_drift": (
            plan_drift(plan, computed, has_procedure=procedure is not None) if plan else None
        ),
        "answers": answers,
        "med_notes": medication_notes(answers.get("medications") or [], screening.settings),
        "questions_for_surgeon": answers.get("questions", ""),
    }
