"""Reading a consultation: the intake and its questions, its history, and the screening
findings worked out from the current answers and measurements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from hipdip.care.bodyimage import Questionnaire, ScreenResult
from hipdip.care.findings import Finding, Override, Severity, apply_overrides, unresolved_stops
from hipdip.care.intake import IntakeFacts
from hipdip.care.medications import DrugClass, classify_medications
from hipdip.care.screening import screen
from hipdip.care.settings import ClinicSettings
from hipdip.web.clinic.selectors import care_settings_for_patient
from hipdip.web.consultations import bodyimage
from hipdip.web.consultations.clinical import (
    MeasurementSet,
    intake_facts,
    planning_measurements,
    questionnaire_for_clinic,
    with_recorded_height,
)
from hipdip.web.consultations.models import FindingOverride, Intake, IntakeChange
from hipdip.web.consultations.questions import (
    ALLERGY_KINDS,
    QUESTIONS,
    SECTIONS,
    Kind,
    Question,
    Section,
    choice_label,
)
from hipdip.web.patients.models import Patient


def intake_of(patient: Patient) -> Intake | None:
    return (
        Intake.objects.select_related("updated_by", "submitted_by", "patient__clinic")
        .filter(patient=patient)
        .first()
    )


def questionnaire_of(intake: Intake | None, patient: Patient) -> Questionnaire:
    """The body-image item set of an intake, or the clinic's current one for a new intake."""
    if intake is not None:
        return bodyimage.from_snapshot(intake.questionnaire)
    return questionnaire_for_clinic(patient.clinic)


def all_questions(questionnaire: Questionnaire) -> tuple[Question, ...]:
    """Every question of the intake in form order, the body-image items in their section."""
    items = bodyimage.questions_for(questionnaire)
    ordered: list[Question] = []
    for section in SECTIONS:
        if section.key == "feelings":
            ordered.extend(items)
        else:
            ordered.extend(q for q in QUESTIONS if q.section == section.key)
    return tuple(ordered)


@dataclass(frozen=True)
class SectionState:
    section: Section
    questions: tuple[Question, ...]
    answered: int
    needed: int

    @property
    def complete(self) -> bool:
        return self.answered >= self.needed


def section_states(
    answers: Mapping[str, Any], questions: Sequence[Question]
) -> tuple[SectionState, ...]:
    """Per section, how many of the questions a submission needs are answered."""
    from hipdip.web.consultations.answers import missing_answers

    missing = missing_answers(answers, questions)
    states = []
    for section in SECTIONS:
        qs = tuple(q for q in questions if q.section == section.key)
        needed = [q for q in qs if q.is_needed(answers)]
        states.append(
            SectionState(
                section=section,
                questions=qs,
                answered=sum(1 for q in needed if q.name not in missing),
                needed=len(needed),
            )
        )
    return tuple(states)


def display_value(q: Question, value: Any) -> str:
    """An answer as people read it (summaries, history, documents)."""
    if q.kind in (Kind.CONFIRM, Kind.FLAG):
        return "Yes" if value else "No"
    if value is None or value == "" or value == []:
        return "—"
    if q.kind in (Kind.CHOICE, Kind.YESNO):
        return choice_label(q, value)
    if q.kind is Kind.DECIMAL:
        return f"{float(value):g} {q.unit}".strip()
    if q.kind is Kind.DATE:
        try:
            return f"{dt.date.fromisoformat(str(value)):%d %b %Y}"
        except ValueError:
            return str(value)
    if q.kind is Kind.LINES:
        return "; ".join(str(v) for v in value)
    if q.kind is Kind.ALLERGIES:
        kinds = dict(ALLERGY_KINDS)
        return "; ".join(
            f"{a['substance']} ({kinds.get(a['kind'], a['kind']).lower()})"
            + (f": {a['reaction']}" if a.get("reaction") else "")
            for a in value
        )
    return str(value)


def intake_history(intake: Intake) -> QuerySet[IntakeChange]:
    return intake.changes.select_related("by").order_by("-at", "-id")


def overrides_in_force(patient: Patient) -> list[FindingOverride]:
    return list(
        FindingOverride.objects.filter(patient=patient, withdrawn_at__isnull=True).order_by("code")
    )


def as_care_overrides(rows: Iterable[FindingOverride]) -> list[Override]:
    return [
        Override(code=r.code, reason=r.reason, surgeon=r.decided_by_name, decided_on=r.decided_on)
        for r in rows
    ]


@dataclass(frozen=True)
class Screening:
    """The consultation's screening, as of ``today``.

    ``ready`` is False until the intake is submitted: findings from half-filled answers
    would mislead. ``findings`` carry the surgeon's overrides.
    """

    ready: bool
    settings: ClinicSettings
    measurements: MeasurementSet
    facts: IntakeFacts | None
    body_image: ScreenResult | None
    findings: tuple[Finding, ...]
    overrides: tuple[FindingOverride, ...]

    @property
    def unresolved_stops(self) -> tuple[Finding, ...]:
        return unresolved_stops(self.findings)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def counts(self) -> dict[str, int]:
        return {s.value: self.count(s) for s in Severity}


def screening_for(
    patient: Patient,
    *,
    intake: Intake | None = None,
    today: dt.date | None = None,
    settings: ClinicSettings | None = None,
) -> Screening:
    """Findings for ``patient`` from the submitted intake and the latest measurements
    (``intake`` and ``settings``, when the caller has read them, are not read again)."""
    today = today or timezone.localdate()
    settings = settings if settings is not None else care_settings_for_patient(patient)
    intake = intake if intake is not None else intake_of(patient)
    measurements = planning_measurements(patient, as_of=today, settings=settings)
    overrides = tuple(overrides_in_force(patient))
    if intake is None or not intake.is_submitted:
        return Screening(False, settings, measurements, None, None, (), overrides)
    questionnaire = questionnaire_of(intake, patient)
    facts = intake_facts(
        with_recorded_height(patient, intake.answers),
        questionnaire=questionnaire,
        measurements=measurements,
        settings=settings,
        today=today,
    )
    if facts is None:  # pragma: no cover - a submitted intake always has the basics
        return Screening(False, settings, measurements, None, None, (), overrides)
    findings = apply_overrides(screen(facts, settings=settings), as_care_overrides(overrides))
    return Screening(True, settings, measurements, facts, facts.body_image, findings, overrides)


@dataclass(frozen=True)
class MedicationNote:
    entered: str
    recognised: str  # the catalogue name, or "" when not recognised
    kind: str  # what it means around surgery, in plain words
    hold_days: int | None


_KIND_TEXT = {
    DrugClass.ASPIRIN: "thins the blood; paused before surgery",
    DrugClass.NSAID: "anti-inflammatory painkiller; paused before surgery",
    DrugClass.ANTICOAGULANT: "blood thinner; never stopped without the prescribing doctor",
    DrugClass.ANTIPLATELET: "blood thinner; never stopped without the prescribing doctor",
    DrugClass.SUPPLEMENT: "supplement that can affect bleeding; paused before surgery",
    DrugClass.OESTROGEN: "hormone; the surgeon decides whether to pause it",
    DrugClass.DIURETIC: "water tablet; a blood-salts test is added",
}


def medication_notes(lines: Iterable[str], settings: ClinicSettings) -> list[MedicationNote]:
    """What each listed medicine was recognised as, and its hold period if it has one."""
    notes = []
    for match in classify_medications(lines):
        agent = match.agent
        if agent is None:
            notes.append(
                MedicationNote(match.entered, "", "not recognised: staff will review", None)
            )
            continue
        hold = settings.hold_days.get(agent.hold_key) if agent.hold_key else None
        notes.append(MedicationNote(match.entered, agent.name, _KIND_TEXT[agent.drug_class], hold))
    return notes
