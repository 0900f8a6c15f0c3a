from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from ninja import Field, Schema

from hipdip.vision.conventions import MAX_HEIGHT_CM, MIN_HEIGHT_CM


class PhotoUploadIn(Schema):
    """Form fields sent with the file (multipart/form-data)."""

    view: Literal["front", "back"]
    height_cm: float = Field(
        ge=MIN_HEIGHT_CM, le=MAX_HEIGHT_CM, description="Standing height in cm (sets scale)."
    )
    purpose: Literal["self_assessment", "consultation", "pre_op", "post_op", "progress"]
    post_op_week: int | None = Field(None, ge=1, le=104, description="Required for post_op.")
    weight_kg: float | None = Field(None, ge=30, le=300)
    taken_on: dt.date | None = None
    session_id: uuid.UUID | None = Field(
        None, description="Add the photo to this existing session instead of a new one."
    )


class PhotoCreatedOut(Schema):
    id: uuid.UUID
    status: str
    session_id: uuid.UUID


class ErrorInfo(Schema):
    code: str
    message: str


class PhotoOut(Schema):
    id: uuid.UUID
    session_id: uuid.UUID
    patient_id: uuid.UUID
    view: str
    status: Literal["pending", "done", "failed"]
    purpose: str
    post_op_week: int | None
    height_cm: float
    weight_kg: float | None
    taken_on: dt.date
    created_at: dt.datetime
    analysed_at: dt.datetime | None
    error: ErrorInfo | None = None
    assessment: dict[str, Any] | None = Field(
        None, description="When done: the object printed by `hipdip analyze --json`."
    )
    image_url: str
    overlay_url: str | None
