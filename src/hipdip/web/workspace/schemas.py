"""The staff home and a patient's summary as the API gives them (the same content as the
pages ``/staff/`` and the summary on top of ``/patients/<id>/``)."""

from __future__ import annotations

import datetime as dt
import uuid

from ninja import Field, Schema

from hipdip.web.accounts.schemas import ClinicOut
from hipdip.web.appointments.schemas import AppointmentOut
from hipdip.web.patients.schemas import ContactOut


class StageOut(Schema):
    key: str = Field(description="lead, consultation, planned, procedure, recovery or training.")
    label: str = Field(description="As staff read it, e.g. 'Recovery day 4'.")
    recovery_day: int | None = None


class AlertOut(Schema):
    """An urgent or emergency check-in nobody has acknowledged yet."""

    id: uuid.UUID = Field(description="The check-in's id (acknowledge it in the recovery API).")
    patient_id: uuid.UUID
    patient_name: str
    level: str = Field(description="urgent or emergency.")
    day: int = Field(description="Recovery day of the check-in.")
    submitted_at: dt.datetime


class LeadRowOut(Schema):
    id: uuid.UUID
    name: str
    interest: str
    created_at: dt.datetime


class UnreadThreadOut(Schema):
    patient_id: uuid.UUID
    patient_name: str
    unread: int = Field(description="Messages from the patient you have not read.")
    last_message_at: dt.datetime | None
    assigned_to_id: int | None


class StaffHomeOut(Schema):
    clinic: ClinicOut
    today: dt.date = Field(description="The clinic's date.")
    zone: str = Field(description="The clinic's time zone; times are given in it.")
    appointments: list[AppointmentOut] = Field(description="Today's booked visits.")
    alerts: list[AlertOut] = Field(description="The newest open alerts (at most 8).")
    alert_count: int
    leads: list[LeadRowOut] = Field(description="The newest new leads (at most 8).")
    lead_count: int
    threads: list[UnreadThreadOut] = Field(
        description="Threads with messages you have not read, newest first (at most 8)."
    )
    unread_count: int = Field(description="Unread messages in all those threads.")


class SideDepthOut(Schema):
    side: str = Field(description="left or right (the patient's own sides).")
    depth_mm: float
    taken_on: dt.date


class TaskOut(Schema):
    label: str
    href: str = Field(description="The page of the web app where it is done.")
    urgent: bool


class PatientSummaryOut(Schema):
    patient_id: uuid.UUID
    full_name: str
    email: str
    stage: StageOut
    alerts: list[AlertOut]
    next_visit: AppointmentOut | None
    surgery_date: dt.date | None
    age: int | None = Field(description="Whole years, from the intake's date of birth.")
    contact: ContactOut
    latest: list[SideDepthOut] = Field(
        description="Each side's figure from the newest measured photo session: the mean of "
        "its front and back photos, as on the patient page."
    )
    tasks: list[TaskOut] = Field(description="What waits on the clinic, most pressing first.")
