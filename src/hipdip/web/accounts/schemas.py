from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from ninja import Field, Schema


class TokenIn(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=1024)


class TokenOut(Schema):
    token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: dt.datetime


class ClinicOut(Schema):
    id: int
    name: str


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    role: str
    clinic: ClinicOut | None
    patient_id: uuid.UUID | None
