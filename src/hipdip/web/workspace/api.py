"""API: the staff home and a patient's summary, for clinic staff. The same selectors as
the pages, so the API and the pages always agree."""

from __future__ import annotations

import zoneinfo

from django.http import HttpRequest
from ninja import Router

from hipdip.web.access import get_for_actor, require_staff
from hipdip.web.accounts.api_helpers import api_actor
from hipdip.web.accounts.schemas import ClinicOut
from hipdip.web.appointments.api import appointment_out
from hipdip.web.audit.services import audit_record
from hipdip.web.messaging.selectors import unread_of
from hipdip.web.patients.models import Patient
from hipdip.web.patients.schemas import ContactOut
from hipdip.web.patients.services import CONTACT_FIELDS
from hipdip.web.recovery.models import CheckIn
from hipdip.web.workspace.schemas import (
    AlertOut,
    LeadRowOut,
    PatientSummaryOut,
    SideDepthOut,
    StaffHomeOut,
    StageOut,
    TaskOut,
    UnreadThreadOut,
)
from hipdip.web.workspace.selectors.home import staff_home
from hipdip.web.workspace.selectors.summary import patient_summary

router = Router(tags=["workspace"])


@router.get("/staff/home", response=StaffHomeOut)
def home(request: HttpRequest) -> StaffHomeOut:
    """What the staff home shows the signed-in staff member, for their clinic: today's
    visits, open alerts, new leads and threads with messages they have not read."""
    actor = api_actor(request)
    clinic = require_staff(actor)
    assert actor.user is not None
    data = staff_home(clinic=clinic, reader=actor.user)
    audit_record(actor=actor, action="workspace.home.view")
    zone = zoneinfo.ZoneInfo(data.zone)
    return StaffHomeOut(
        clinic=ClinicOut(id=clinic.pk, name=clinic.name),
        today=data.today,
        zone=data.zone,
        appointments=[appointment_out(a, zone=zone) for a in data.appointments],
        alerts=[alert_out(c, c.course.patient) for c in data.alerts],
        alert_count=data.alert_count,
        leads=[
            LeadRowOut(
                id=lead.pk, name=lead.name, interest=lead.interest, created_at=lead.created_at
            )
            for lead in data.leads
        ],
        lead_count=data.lead_count,
        threads=[
            UnreadThreadOut(
                patient_id=t.patient_id,
                patient_name=t.patient.full_name or t.patient.email,
                unread=unread_of(t),
                last_message_at=t.last_message_at,
                assigned_to_id=t.assigned_to_id,
            )
            for t in data.threads
        ],
        unread_count=data.unread_count,
    )


@router.get("/patients/{patient_id}/summary", response=PatientSummaryOut)
def summary(request: HttpRequest, patient_id: str) -> PatientSummaryOut:
    """The summary on top of a patient's page for staff: stage, open alerts, next visit,
    surgery date, age, contact, the latest depth of each side and the open tasks. Staff of
    the patient's clinic only (another clinic's patient is a 404, a patient gets 403)."""
    actor = api_actor(request)
    require_staff(actor)
    patient = get_for_actor(actor, Patient, patient_id, action="patient.summary.view")
    assert actor.user is not None
    s = patient_summary(patient, reader=actor.user)
    zone = zoneinfo.ZoneInfo(s.zone)
    return PatientSummaryOut(
        patient_id=patient.pk,
        full_name=patient.full_name,
        email=patient.email,
        stage=StageOut(key=s.stage.key, label=s.stage.label, recovery_day=s.stage.recovery_day),
        alerts=[alert_out(c, patient) for c in s.alerts],
        next_visit=appointment_out(s.next_visit, zone=zone) if s.next_visit else None,
        surgery_date=s.surgery_date,
        age=s.age,
        contact=ContactOut(**{f: getattr(patient, f) for f in CONTACT_FIELDS}),
        latest=[
            SideDepthOut(side=d.side, depth_mm=d.depth_mm, taken_on=d.taken_on) for d in s.latest
        ],
        tasks=[TaskOut(label=t.label, href=t.href, urgent=t.urgent) for t in s.tasks],
    )


def alert_out(c: CheckIn, patient: Patient) -> AlertOut:
    return AlertOut(
        id=c.pk,
        patient_id=patient.pk,
        patient_name=patient.full_name or patient.email,
        level=c.level,
        day=c.day,
        submitted_at=c.submitted_at,
    )
