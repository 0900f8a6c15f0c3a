from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from ninja import Field, Schema


class PatientOut(Schema):
    id: uuid.UUID
    email: str
    full_name: str
    clinic_id: int | None
    created_at: dt.datetime
    session_count: int = 0
    last_session_on: dt.date | None = None


class ContactIn(Schema):
    """A patient's contact details; phone numbers in any usual form (stored as E.164)."""

    phone: str = Field("", max_length=40)
    preferred_contact: Literal["email", "phone", "text"] = "email"
    emergency_contact_name: str = Field("", max_length=150)
    emergency_contact_relation: str = Field("", max_length=60)
    emergency_contact_phone: str = Field("", max_length=40)


class ContactOut(Schema):
    phone: str
    preferred_contact: str
    emergency_contact_name: str
    emergency_contact_relation: str
    emergency_contact_phone: str
