"""What the consultation pages show, gathered from the selectors of both apps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpRequest

from hipdip.care.findings import Finding
from hipdip.web.accounts.models import Role
from hipdip.web.clinic.selectors import source_citation
from hipdip.web.consultations.questions import SECTIONS, Kind, Question
from hipdip.web.consultations.selectors import (
    all_questions,
    display_value,
    intake_of,
    medication_notes,
    questionnaire_of,
    section_states,
)
from hipdip.web.core.actor import Actor
from hipdip.web.patients.models import Patient


def summary_sections(
    answers: Mapping[str, Any], questions: Sequence[Question]
) -> list[dict[str, Any]]:
    """The answers by section as (label, value) rows, skipping questions that do not apply."""
    out = []
    for section in SECTIONS:
        rows = [
            {
                "name": q.name,
                "label": q.label if section.key == "feelings" else q.short,
                "value": display_value(q, answers.get(q.name)),
            }
            for q in questions
            if q.section == section.key
            and q.shown(answers)
            and (q.kind is not Kind.FLAG or answers.get(q.name))  # only ticked boxes
        ]
        out.append({"section": section, "rows": rows})
    return out


def finding_rows(findings: Sequence[Finding], overrides: Sequence[Any]) -> list[dict[str, Any]]:
    by_code = {o.code: o for o in overrides}
    return [
        {
            "finding": f,
            "citation": source_citation(f.source_id),
            "override": by_code.get(f.code) if f.override else None,
        }
        for f in findings
    ]


def consultation_context(request: HttpRequest, actor: Actor, patient: Patient) -> dict[str, Any]:
    from hipdip.web.plans.preop import checklist_for
    from hipdip.web.plans.selectors import plan_of, plan_summary, plan_view, procedure_of

    user = actor.user
    intake = intake_of(patient)
    choices, computed = plan_view(patient)
    screening = computed.screening
    plan = plan_of(patient)
    questions = all_questions(questionnaire_of(intake, patient))
    answers = intake.answers if intake else {}
    checklist = checklist_for(patient, screening=screening)
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
        "procedure": procedure_of(patient),
        "answers": answers,
        "med_notes": medication_notes(answers.get("medications") or [], screening.settings),
        "questions_for_surgeon": answers.get("questions", ""),
    }
