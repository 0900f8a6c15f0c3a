from __future__ import annotations

import datetime as dt
import uuid

from ninja import Field, Schema


class MessageOut(Schema):
    id: uuid.UUID
    from_patient: bool
    author_name: str
    body: str
    created_at: dt.datetime
    attachment_url: str | None = None


class ThreadOut(Schema):
    patient_id: uuid.UUID
    assigned_to_id: int | None
    unread: int = Field(description="Messages from the other side you had not read yet.")
    messages: list[MessageOut]


class AssignmentIn(Schema):
    assignee_id: int | None = Field(None, description="A staff member's user id; null: the team.")
