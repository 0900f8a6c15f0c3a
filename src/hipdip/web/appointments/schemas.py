from __future__ import annotations

import datetime as dt
import uuid

from ninja import Field, Schema


class SlotOut(Schema):
    start: dt.datetime = Field(description="In the clinic's time zone, with its offset.")
    end: dt.datetime
    staff_id: int
    staff_name: str


class AppointmentIn(Schema):
    type: str = Field(description="The visit type's key, e.g. consultation, followup_day_7.")
    start: dt.datetime = Field(description="ISO 8601 with offset, one of the free slots.")
    staff_id: int
    patient_id: uuid.UUID | None = Field(None, description="Staff only: whom the visit is for.")


class MoveIn(Schema):
    start: dt.datetime = Field(description="ISO 8601 with offset, one of the free slots.")
    staff_id: int | None = Field(None, description="Staff only: another staff member.")


class AppointmentOut(Schema):
    id: uuid.UUID
    type: str
    type_name: str
    kind: str
    start: dt.datetime = Field(description="In the clinic's time zone, with its offset.")
    end: dt.datetime
    status: str
    staff_id: int
    staff_name: str
    patient_id: uuid.UUID
    patient_name: str
