"""What the intake and findings pages show (the consultation page itself, which also
shows the plan, is composed in :mod:`hipdip.web.consultation_page`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from hipdip.care.findings import Finding
from hipdip.web.clinic.selectors import source_citation
from hipdip.web.consultations.questions import SECTIONS, Kind, Question
from hipdip.web.consultations.selectors import (
    display_value,
)


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
