from __future__ import annotations

import datetime as dt
import uuid

from ninja import Schema


class PatientOut(Schema):
    id: uuid.UUID
    email: str
    full_name: str
    clinic_id: int | None
    created_at: dt.datetime
    session_count: int = 0
    last_session_on: dt.date | None = None
