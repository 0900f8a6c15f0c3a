"""API shapes of plans, the pre-op checklist and procedure records."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from ninja import Field, Schema


class PlanIn(Schema):
    version: int = Field(ge=0, description="The version you started from (0: no plan yet).")
    graft_sides: str = Field("both", description="both, left or right")
    plane_left: str = Field("subcutaneous", description="subcutaneous, intramuscular, submuscular")
    plane_right: str = Field("subcutaneous", description="subcutaneous, intramuscular, submuscular")
    donor_sites: list[str] = Field(
        default_factory=list,
        description="abdomen, flanks, inner_thighs, outer_thighs, back",
    )
    anaesthesia: str = Field("local_tumescent", description="local_tumescent, sedation, general")
    contour_liposuction_ml: int = Field(0, ge=0)
    planned_left_ml: int | None = Field(None, ge=0, description="empty: the model's estimate")
    planned_right_ml: int | None = Field(None, ge=0, description="empty: the model's estimate")
    surgery_date: dt.date | None = None
    notes: str = ""


class ApprovalOut(Schema):
    by: str
    at: dt.datetime
    version: int
    figures: dict[str, Any]


class PlanOut(Schema):
    id: uuid.UUID
    patient_id: uuid.UUID
    status: str = Field(description="draft or approved")
    version: int
    choices: PlanIn
    estimate: dict[str, Any] | None = Field(
        description="staff only: the care layer's figures for the current choices on the latest "
        "measurements, not approved (null for patients, or see problem)"
    )
    problem: str
    unresolved: list[str] = Field(description="stop findings to resolve before approval")
    approved: ApprovalOut | None
    needs_reconfirmation: bool = Field(
        False,
        description="true: new measurements since approval; a surgeon keeps the approved "
        "figures (POST .../plan/reconfirm) or revises the plan (POST .../plan/revise)",
    )
    drift: dict[str, Any] | None = Field(
        None, description="per side: approved and new depth (mm) and volume (mL), and the change"
    )
    updated_at: dt.datetime


class VersionIn(Schema):
    version: int = Field(ge=0)


class ReasonIn(VersionIn):
    reason: str = Field("", max_length=2000, description="required to keep the figures")


class ApproveIn(VersionIn):
    measurement_session: str | None = Field(
        None,
        description="the photo session id the figures you reviewed came from; newer photos "
        "since then refuse the approval (409 measurements_changed)",
    )


class ChecklistItemOut(Schema):
    key: str
    category: str
    text: str
    due_on: dt.date | None
    status: str = Field(description="upcoming, due, overdue or standing")
    note: str
    source_id: str
    done: bool
    done_at: dt.datetime | None


class ChecklistOut(Schema):
    surgery_date: dt.date | None
    reason: str = Field(description="why there is no checklist yet, if there is none")
    items: list[ChecklistItemOut]


class TickIn(Schema):
    key: str = Field(max_length=60)
    done: bool = True


class OverrideIn(Schema):
    item: str = Field(max_length=80, description="the check's key: early, checklist, ...")
    reason: str = Field("", max_length=2000)


class OverrideOut(Schema):
    item: str
    what: str
    reason: str
    by: str
    at: dt.datetime


class SafetyCheckOut(Schema):
    item: str
    title: str
    detail: str


class ProcedureIn(Schema):
    version: int = Field(ge=0)
    performed_on: dt.date
    surgeon_id: int
    team: str = ""
    anaesthesia: str
    harvest: dict[str, int] = Field(description="donor-site slug -> lipoaspirate in mL")
    processing: str = Field(description="centrifugation, decantation, filtration or other")
    centrifuge_rpm: int | None = Field(None, ge=1)
    rotor_radius_cm: float | None = Field(None, gt=0)
    centrifuge_minutes: int | None = Field(None, ge=1)
    injected_left_ml: int | None = Field(None, ge=0)
    injected_right_ml: int | None = Field(None, ge=0)
    plane_left: str = ""
    plane_right: str = ""
    duration_min: int = Field(ge=1)
    complications: list[str] = Field(description="none, or codes such as bleeding, embolism")
    complication_notes: str = ""
    notes: str = ""
    overrides: list[OverrideIn] = Field(
        default_factory=list,
        description="a surgeon's decisions to go ahead despite safety checks (see GET "
        ".../procedure/checks); without them such a record is refused (409 override_required)",
    )
    override_reason: str = Field(
        "", max_length=2000, description="one reason covering every override without its own"
    )


class ComparisonRowOut(Schema):
    label: str
    planned: str
    done: str
    note: str
    flag: str


class ProcedureOut(ProcedureIn):
    id: uuid.UUID
    surgeon_id: int | None  # type: ignore[assignment]  # the surgeon's account may be gone
    surgeon_name: str
    centrifuge_g: int | None
    comparison: list[ComparisonRowOut]
    overrides: list[OverrideOut]  # type: ignore[assignment]  # recorded decisions
    updated_at: dt.datetime
