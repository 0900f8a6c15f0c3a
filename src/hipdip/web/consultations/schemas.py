"""API shapes of the consultation: intake, its history, screening findings, overrides."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from ninja import Field, Schema


class QuestionOut(Schema):
    name: str
    section: str
    label: str
    kind: str = Field(
        description="text, longtext, date (YYYY-MM-DD), decimal, choice, yesno, confirm "
        "(true to send), flag, lines (list of strings), allergies (list of "
        '{"substance", "kind", "reaction"})'
    )
    help: str
    choices: list[list[str]] = Field(description="[value, label] pairs for choice kinds")
    unit: str
    min: float | None
    max: float | None
    required: bool = Field(description="needed to send, unless it does not apply")


class IntakeIn(Schema):
    version: int = Field(
        ge=0,
        description="The version you started from (0 when there is no intake yet). A save "
        "based on an older version is refused with 409 stale_version.",
    )
    answers: dict[str, Any] = Field(
        description="Question name -> answer; see GET /patients/{id}/intake/questions. "
        "Names left out keep their stored answer; null or an empty string clears one.",
        examples=[{"height_cm": 168, "weight_kg": 64.5, "nicotine": "none"}],
    )


class QuestionnaireInfo(Schema):
    instrument: str
    title: str
    wording: str


class IntakeOut(Schema):
    id: uuid.UUID | None
    patient_id: uuid.UUID
    status: str = Field(description="none, draft or submitted")
    version: int
    answers: dict[str, Any]
    questionnaire: QuestionnaireInfo
    missing: dict[str, str] = Field(description="what a submission still needs, by question")
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    submitted_at: dt.datetime | None


class IntakeSavedOut(Schema):
    intake: IntakeOut
    rejected: dict[str, str] = Field(description="answers that were not stored, with why")


class ChangeOut(Schema):
    field: str
    label: str
    old: str
    new: str


class IntakeChangeOut(Schema):
    kind: str
    at: dt.datetime
    by: str
    by_role: str
    changes: list[ChangeOut]


class OverrideOut(Schema):
    id: int | None = None
    reason: str
    surgeon: str
    decided_on: dt.date | None


class FindingOut(Schema):
    code: str
    severity: str = Field(description="info, caution or stop")
    text: str = Field(description="for staff: the clinical explanation; for a patient: plain words")
    source_id: str
    source: str
    override: OverrideOut | None


class ScreeningOut(Schema):
    ready: bool = Field(description="false until the intake is submitted")
    findings: list[FindingOut]
    unresolved_stops: list[str]
    body_image: str | None = Field(None, description="the screen's summary (staff only)")


class OverrideIn(Schema):
    code: str = Field(max_length=60)
    reason: str = Field(min_length=1, max_length=2000)
