from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from ninja import Field, Schema

from hipdip.vision.conventions import MAX_HEIGHT_CM, MIN_HEIGHT_CM, View


class PhotoUploadIn(Schema):
    """Form fields sent with the file (multipart/form-data)."""

    view: View
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


class SideFigureOut(Schema):
    side: Literal["left", "right"]
    depth_mm: float
    extent_mm: float
    views: list[str] = Field(description="The views combined, front first.")
    how: str = Field(examples=["mean of front 10.6 and back 14.8 mm"])


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
    session_held_back: bool = Field(
        False,
        description="True while the session's height or body proportions do not match the "
        "patient's record and staff have not reviewed it: its figures reach no plan.",
    )
    session_concerns: list[str] = Field(
        default_factory=list, description="Why the session was flagged, in plain words."
    )
    session_sides: list[SideFigureOut] = Field(
        default_factory=list,
        description="The session's one figure per side, as every page and document shows "
        "it: the mean of the front and back photos where both measured the side.",
    )


class MarkingsIn(Schema):
    """A whole set of marks, replacing the saved one."""

    version: int = Field(
        ge=0, description="The version you loaded (0 when no marks were saved yet)."
    )
    marks: list[dict[str, Any]] = Field(
        description="Marks as in `hipdip markings --json`: id, kind (recipient, donor, "
        "incision), x, y, rx, ry, label, side (left, right or null), label_at."
    )
    plan_id: uuid.UUID | None = Field(None, description="Save the marks for this treatment plan.")


class ImageInfo(Schema):
    width: int
    height: int
    url: str


class BodyInfo(Schema):
    image_side: dict[str, int]
    midline_x: float
    hip_y: float


class MarkingsOut(Schema):
    photo_id: uuid.UUID
    view: str
    plan_id: uuid.UUID | None
    image: ImageInfo = Field(description="Mark coordinates are pixels of the photo at this size.")
    saved: bool
    version: int
    updated_at: dt.datetime | None
    updated_by: str | None
    marks: list[dict[str, Any]]
    suggested: list[dict[str, Any]] = Field(
        description="The analyser's suggestions (for those who may edit)."
    )
    can_edit: bool
    png_url: str
    body: BodyInfo


class SideChangeOut(Schema):
    before_mm: float
    after_mm: float
    change_mm: float
    change_pct: float | None


class SessionRef(Schema):
    session_id: uuid.UUID
    photo_id: uuid.UUID
    taken_on: dt.date
    purpose: str
    purpose_label: str


class ComparisonOut(Schema):
    patient_id: uuid.UUID
    view: str
    before: SessionRef
    after: SessionRef
    sides: dict[str, SideChangeOut]
    notes: list[str]
    images: dict[str, str | None]
    gallery_allowed: bool


class ConsentIn(Schema):
    scope: Literal["clinic", "public"]
    note: str = Field("", max_length=200)


class ConsentOut(Schema):
    id: uuid.UUID
    patient_id: uuid.UUID
    scope: str
    scope_label: str
    granted_at: dt.datetime
    note: str
    recorded_by: str | None
    revoked_at: dt.datetime | None
    active: bool


class PlanQuery(Schema):
    plan_id: uuid.UUID | None = Field(None, description="The marks saved for this treatment plan.")


class MarkingsImageQuery(PlanQuery):
    source: Literal["saved", "suggested"] = Field(
        "saved", description="`suggested`: the analyser's suggestions (those who may edit)."
    )


class PreviewQueryIn(Schema):
    fill: float = Field(0.5, ge=0.0, le=1.0, description="0 keeps the dip, 1 fills it.")
    region: Literal["full", "hips"] = "full"
    format: Literal["png", "jpeg"] = "png"


class CompareQueryIn(Schema):
    before: uuid.UUID = Field(description="The earlier photo session.")
    after: uuid.UUID = Field(description="The later photo session.")
    view: View = View.FRONT


class CompareImageQueryIn(CompareQueryIn):
    kind: Literal["sheet", "before", "after", "gallery"] = Field(
        "sheet",
        description="`sheet`: both photos side by side with the change (PNG); `before`, "
        "`after`: one photo, the later one aligned onto the earlier (JPEG); `gallery`: "
        "de-identified sheet, staff only and with the patient's consent (PNG).",
    )
    region: Literal["full", "hips"] = "full"
