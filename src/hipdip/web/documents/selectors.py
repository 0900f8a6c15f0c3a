"""Everything a consultation document shows, gathered once for the PDF and the FHIR export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from hipdip.care.bodyimage import Questionnaire
from hipdip.web.assessments.models import Photo
from hipdip.web.assessments.selectors.markings import marking_images_for_patient
from hipdip.web.assessments.selectors.sessions import photos_of_patient
from hipdip.web.clinic.selectors import source_citation
from hipdip.web.consultations.clinical import with_recorded_height
from hipdip.web.consultations.models import Intake
from hipdip.web.consultations.presenters import summary_sections
from hipdip.web.consultations.questions import Question
from hipdip.web.consultations.selectors import Screening, all_questions, intake_of, questionnaire_of
from hipdip.web.patients.models import Patient
from hipdip.web.patients.selectors import current_height
from hipdip.web.plans.compare import Row, compare
from hipdip.web.plans.models import ProcedureOverride, ProcedureRecord, TreatmentPlan
from hipdip.web.plans.preop import ChecklistView, checklist_for
from hipdip.web.plans.selectors import (
    Drift,
    plan_drift,
    plan_of,
    plan_summary,
    plan_view,
    procedure_of,
    procedure_overrides,
)


@dataclass
class ConsultationRecord:
    patient: Patient
    generated_at: dt.datetime
    intake: Intake | None
    questionnaire: Questionnaire
    questions: tuple[Question, ...]
    screening: Screening
    plan: TreatmentPlan | None
    plan_summary: dict[str, Any] | None
    checklist: ChecklistView
    procedure: ProcedureRecord | None
    comparison: list[Row] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    markings: list[Any] = field(default_factory=list)  # imaging.selectors.MarkingImage
    drift: Drift | None = None
    overrides: list[ProcedureOverride] = field(default_factory=list)

    @property
    def approved_summary(self) -> dict[str, Any] | None:
        """The approved figures, the only ones a document prints (never a draft's)."""
        return self.plan_summary if self.plan_approved else None

    @property
    def answers(self) -> dict[str, Any]:
        """The intake's answers, with the patient's one recorded height."""
        return with_recorded_height(self.patient, self.intake.answers) if self.intake else {}

    @property
    def scale_note(self) -> str:
        """How the measured photos were scaled, naming a height only if it is not the one
        printed at the top (the record)."""
        session = self.screening.measurements.session
        if session is None:
            return ""
        recorded = current_height(self.patient)
        if recorded is not None and recorded.height_cm == session.height_cm:
            return "scaled with the patient's recorded height"
        return f"scaled with the height given with these photos, {session.height_cm} cm"

    @property
    def sections(self) -> list[dict[str, Any]]:
        return summary_sections(self.answers, self.questions)

    @property
    def plan_approved(self) -> bool:
        return bool(self.plan and self.plan.is_approved)

    @property
    def sources(self) -> list[tuple[str, str]]:
        """Every source cited by the findings, plan and checklist, in order of first use."""
        ids: list[str] = []
        for f in self.screening.findings:
            ids.append(f.source_id)
        for w in (self.plan_summary or {}).get("warnings", []):
            ids.append(w["source_id"])
        for r in self.checklist.rows:
            ids.append(r.item.source_id)
        ids += ["gir-rohrich-2012", "hip-series-2023", "hipdip-model"]
        if self.procedure is not None and self.procedure.centrifuge_g:
            ids.append("allen-coleman-2013")
        seen: dict[str, str] = {}
        for i in ids:
            seen.setdefault(i, source_citation(i))
        return list(seen.items())


def consultation_record(patient: Patient) -> ConsultationRecord:
    intake = intake_of(patient)
    questionnaire = questionnaire_of(intake, patient)
    choices, computed = plan_view(patient)
    plan = plan_of(patient)
    summary = (
        plan.approved_snapshot if plan and plan.is_approved else plan_summary(choices, computed)
    )
    procedure = procedure_of(patient)
    drift = (
        plan_drift(plan, computed, has_procedure=procedure is not None)
        if plan is not None
        else None
    )
    rows: list[Row] = []
    if procedure and plan and plan.approved_snapshot:
        rows, _ = compare(plan.approved_snapshot, procedure, computed.screening.settings)
    return ConsultationRecord(
        patient=patient,
        generated_at=timezone.localtime(),
        intake=intake,
        questionnaire=questionnaire,
        questions=all_questions(questionnaire),
        screening=computed.screening,
        plan=plan,
        plan_summary=summary if plan else None,
        checklist=checklist_for(patient, screening=computed.screening),
        procedure=procedure,
        comparison=rows,
        drift=drift,
        overrides=procedure_overrides(procedure),
        photos=list(photos_of_patient(patient=patient)),
        markings=marking_images_for_patient(
            patient, plan_id=plan.pk if plan else None, close_up=True
        ),
    )
