from __future__ import annotations

import datetime as dt
import uuid

from ninja import Field, Schema


class ExerciseOut(Schema):
    slug: str
    name: str
    category: str
    level: str
    impact: str
    equipment: list[str]
    muscles: list[str]
    steps: list[str]
    load_kg: list[float] | None = Field(None, description="Weight range per hand, kg.")
    hip_pressure: bool = Field(description="Done lying on the side of the hip.")


class DoseOut(Schema):
    exercise: str
    name: str
    sets: int
    reps: int | None
    work_s: int | None
    load_kg: float | None = Field(description="Per hand.")
    rest_s: int
    dosing: str = Field(
        description="How it is prescribed: reps (sets x reps), hold (sets x seconds), "
        "intervals (rounds x seconds with rest) or steady (work_s is whole minutes of "
        "continuous cardio, one bout)."
    )
    prescription: str = Field(description='As shown to the patient, e.g. "20 min".')


class SessionOut(Schema):
    on: dt.date
    week: int
    phase: str
    strength: list[DoseOut]
    cardio: list[DoseOut]
    logged: bool


class ProgrammeIn(Schema):
    goal: str = Field(description="reduce_look or maintain_after_surgery")
    level: str = Field(description="beginner, intermediate or advanced")
    equipment: list[str] = Field(default_factory=list)
    days_per_week: int = Field(3, ge=2, le=6)
    weeks: int = Field(8, ge=1, le=24)
    start_date: dt.date
    allow_high_impact: bool = True
    timezone: str | None = None


class ProgrammeOut(Schema):
    id: uuid.UUID
    patient_id: uuid.UUID
    goal: str
    level: str
    equipment: list[str]
    days_per_week: int
    weeks: int
    start_date: dt.date
    allow_high_impact: bool
    status: str
    training_allowed: bool = Field(
        description="False while the surgeon holds training or has not cleared it yet."
    )
    allowed_from: dt.date | None = Field(
        description="First day a session may fall on after surgery (the surgeon's "
        "clearance and the recovery milestones); null when there is no such limit or "
        "training is not allowed."
    )
    notes: list[str]
    nutrition: list[str]
    sessions: list[SessionOut]


class EntryIn(Schema):
    exercise: str
    sets: int
    reps: int | None = None
    work_s: int | None = None
    load_kg: float | None = None
    rpe: int | None = Field(None, description="1 (very easy) to 10 (maximal).")


class WorkoutIn(Schema):
    entries: list[EntryIn]
    rpe: int | None = None
    note: str = ""
    base_revision: int | None = Field(
        None,
        description="The revision you are editing (from GET); omit to create. A stale "
        "revision is refused with 409 and nothing is overwritten.",
    )


class EntryOut(Schema):
    exercise: str
    sets: int
    reps: int | None
    work_s: int | None
    load_kg: float | None
    rpe: int | None


class WorkoutOut(Schema):
    id: uuid.UUID
    programme_id: uuid.UUID
    session_date: dt.date
    rpe: int | None
    note: str
    revision: int
    updated_at: dt.datetime
    entries: list[EntryOut]
