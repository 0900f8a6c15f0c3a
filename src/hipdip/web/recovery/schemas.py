from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from ninja import Field, Schema

LevelName = Literal["routine", "urgent", "emergency"]


class SymptomOut(Schema):
    code: str
    label: str
    level: LevelName = Field(description="The level this symptom has at the caller's clinic.")


class CheckInIn(Schema):
    """A daily check-in. Values are checked against the care layer's limits: an impossible
    value is a 422 naming the field."""

    pain: int = Field(description="0 (none) to 10 (worst imaginable).")
    temperature_c: float | None = Field(None, description="Body temperature in °C (30-45).")
    swelling: int | None = Field(None, description="0 none, 1 mild, 2 moderate, 3 severe.")
    bruising: int | None = Field(None, description="0 none, 1 mild, 2 moderate, 3 severe.")
    drain_output_ml: float | None = Field(
        None, description="Drain output since the last check-in, mL."
    )
    garment_worn: bool | None = None
    symptoms: list[str] = Field(
        default_factory=list, description="Codes from GET /api/checkins/symptoms."
    )
    note: str = Field("", max_length=1000)


class ReasonOut(Schema):
    code: str
    label: str
    level: LevelName
    source_id: str


class CheckInOut(Schema):
    id: uuid.UUID
    patient_id: uuid.UUID
    submitted_at: dt.datetime
    local_date: dt.date
    day: int
    pain: int
    temperature_c: float | None
    swelling: int | None
    bruising: int | None
    drain_output_ml: int | None
    garment_worn: bool | None
    symptoms: list[str]
    note: str
    level: LevelName
    advice: str = Field(description="What the patient was told, word for word.")
    reasons: list[ReasonOut]
    alert_clinic: bool
    duplicate: bool = Field(
        False,
        description="True when this exact check-in had just been sent: it was not stored twice.",
    )
    acknowledged_at: dt.datetime | None
    acknowledged_by: str | None
    notify_status: str


class AcknowledgeIn(Schema):
    note: str = Field("", max_length=1000)


class MilestoneOut(Schema):
    key: str
    kind: str
    title: str
    start_day: int
    end_day: int | None
    starts_on: dt.date
    ends_on: dt.date | None
    allowed: list[str]
    not_allowed: list[str]
    source_id: str


class TodayOut(Schema):
    day: int
    phase: str
    do: list[str]
    avoid: list[str]
    due_today: list[str]
    next_milestone: MilestoneOut | None


class RecoveryOut(Schema):
    patient_id: uuid.UUID
    procedure_date: dt.date
    timezone: str
    local_date: dt.date = Field(description="Today where the patient is.")
    day: int = Field(description="Recovery day; 0 is the day of surgery, negative before it.")
    today: TodayOut | None
    training_hold: bool
    training_cleared_on: dt.date | None
    timeline: list[MilestoneOut]


class RecoveryIn(Schema):
    procedure_date: dt.date
    timezone: str | None = Field(None, description="IANA name, e.g. Europe/London.")
