"""What the consultation pages show, gathered from the selectors of both apps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpRequest

from hipdip.care.findings import Finding
from hipdip.web.accounts.models import Role
from hipdip.web.consultations.questions import SECTIONS, Kind, Question
from hipdip.web.consultations.selectors import (
    all_questions,
    display_value,
    intake_of,
    medication_notes,
    questionnaire_of,
    section_states,
    source_citation,
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


def settings_rows(clinic: Any) -> list[dict[str, Any]]:
    """The clinic's settings as rows for its settings page (``care.settings.describe``)."""
    from hipdip.care.settings import describe
    from hipdip.web.consultations.clinical import care_settings_for

    rows = []
    for info in describe(care_settings_for(clinic)):
        if isinstance(info.value, Mapping):
            for key, days in sorted(info.value.items()):
                default = info.default.get(key)
                rows.append(_row(f"hold_days.{key}", days, default, "days", "", info.doc))
            continue
        rows.append(_row(info.name, info.value, info.default, info.unit, info.source_id, info.doc))
    return rows


def _row(name: str, value: Any, default: Any, unit: str, source: str, doc: str) -> dict[str, Any]:
    from hipdip.care.settings import HOLD_DEFAULTS

    if name.startswith("hold_days."):
        source = HOLD_DEFAULTS[name.split(".", 1)[1]][1]
    changed = value != default
    return {
        "name": name,
        "value": _shown(value),
        "default": _shown(default),
        "unit": unit,
        "changed": changed,
        "source_id": "clinic-settings" if changed else source,
        "citation": source_citation("clinic-settings" if changed else source) if source else "",
        "doc": doc,
    }


def _shown(value: Any) -> str:
    if isinstance(value, frozenset | set):
        return ", ".join(sorted(str(v).replace("_", " ") for v in value))
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
