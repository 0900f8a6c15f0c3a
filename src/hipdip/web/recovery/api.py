"""API: recovery course and today view, check-ins with their triage, acknowledgements,
and the patient's calendar."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.responses import Status

from hipdip.care.recovery import Milestone
from hipdip.care.triage import SYMPTOMS, symptom_level
from hipdip.web.access import Perm, get_for_actor, require_staff
from hipdip.web.accounts.api_helpers import api_actor
from hipdip.web.clinic.selectors import care_settings_for
from hipdip.web.core.api_errors import file_response
from hipdip.web.core.errors import DomainError
from hipdip.web.patients.models import Patient
from hipdip.web.patients.selectors import patient_of_user
from hipdip.web.recovery import services
from hipdip.web.recovery.models import CheckIn, RecoveryCourse
from hipdip.web.recovery.schemas import (
    AcknowledgeIn,
    CheckInIn,
    CheckInOut,
    MilestoneOut,
    RecoveryIn,
    RecoveryOut,
    SymptomOut,
    TodayOut,
)
from hipdip.web.recovery.selectors import checkins_of, course_of, course_overview

router = Router(tags=["recovery"])


class NoRecoveryCourse(DomainError):
    status_code = 404
    code = "no_recovery_course"


def _course(patient: Patient) -> RecoveryCourse:
    course = course_of(patient)
    if course is None:
        raise NoRecoveryCourse("This patient has no recovery course yet.")
    return course


@router.get("/checkins/symptoms", response=list[SymptomOut])
def symptoms(request: HttpRequest) -> list[SymptomOut]:
    """Symptom codes for check-ins, with their labels and the level each has at the
    caller's clinic."""
    user = api_actor(request).user
    assert user is not None
    patient = patient_of_user(user)
    clinic = patient.clinic if patient is not None else user.clinic
    s = care_settings_for(clinic)
    return [
        SymptomOut(code=code, label=sym.label, level=symptom_level(code, s).value)
        for code, sym in SYMPTOMS.items()
    ]


@router.post("/patients/{patient_id}/checkins", response={200: CheckInOut, 201: CheckInOut})
def checkin_create(request: HttpRequest, patient_id: str, data: CheckInIn) -> Status[CheckInOut]:
    """Send a check-in. It is triaged at once: the answer carries the `level` and the
    `advice` shown to the patient. Sending the same check-in again within a few minutes
    returns the stored one (200, `duplicate: true`) instead of storing it twice."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    result = services.checkin_submit(
        actor=actor,
        course=_course(patient),
        data=services.CheckInInput(**data.dict()),
    )
    return Status(
        201 if result.created else 200, checkin_out(result.checkin, duplicate=not result.created)
    )


@router.get("/patients/{patient_id}/checkins", response=list[CheckInOut])
def checkin_list(request: HttpRequest, patient_id: str) -> list[CheckInOut]:
    """The patient's check-ins, newest first."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, action="checkin.list")
    return [checkin_out(c) for c in checkins_of(_course(patient))]


@router.get("/checkins/{checkin_id}", response=CheckInOut)
def checkin_detail(request: HttpRequest, checkin_id: str) -> CheckInOut:
    checkin = get_for_actor(api_actor(request), CheckIn, checkin_id, action="checkin.view")
    return checkin_out(checkin)


@router.post("/checkins/{checkin_id}/acknowledge", response=CheckInOut)
def checkin_acknowledge(request: HttpRequest, checkin_id: str, data: AcknowledgeIn) -> CheckInOut:
    """Staff: record that the check-in has been dealt with (409 if it already was)."""
    actor = api_actor(request)
    checkin = get_for_actor(actor, CheckIn, checkin_id, perm=Perm.CHANGE)
    require_staff(actor)
    return checkin_out(services.checkin_acknowledge(actor=actor, checkin=checkin, note=data.note))


@router.get("/patients/{patient_id}/recovery", response=RecoveryOut)
def recovery(request: HttpRequest, patient_id: str) -> RecoveryOut:
    """The recovery course: today's day where the patient is, what to do and avoid, and
    the dated timeline."""
    patient = get_for_actor(api_actor(request), Patient, patient_id, action="recovery.view")
    return recovery_out(_course(patient))


@router.put("/patients/{patient_id}/recovery", response=RecoveryOut)
def recovery_save(request: HttpRequest, patient_id: str, data: RecoveryIn) -> RecoveryOut:
    """Staff: start or correct the recovery course (procedure date, time zone)."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    require_staff(actor)
    course = services.recovery_course_save(
        actor=actor,
        patient=patient,
        procedure_date=data.procedure_date,
        timezone_name=data.timezone,
    )
    return recovery_out(course)


@router.get(
    "/patients/{patient_id}/calendar.ics",
    response={200: str},
    openapi_extra=file_response("text/calendar", "The calendar (iCalendar)."),
)
def calendar(request: HttpRequest, patient_id: str) -> HttpResponse:
    """The patient's calendar (iCalendar): recovery milestones, visits and photo sessions
    with reminders, a daily check-in reminder, and training sessions."""
    patient = get_for_actor(api_actor(request), Patient, patient_id, action="calendar.download")
    response = HttpResponse(
        services.calendar_ics(patient=patient), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="hipdip-recovery.ics"'
    response["Cache-Control"] = "private, no-store, max-age=0"
    return response


def checkin_out(c: CheckIn, *, duplicate: bool = False) -> CheckInOut:
    return CheckInOut(
        id=c.pk,
        patient_id=c.course.patient_id,
        submitted_at=c.submitted_at,
        local_date=c.local_date,
        day=c.day,
        pain=c.pain,
        temperature_c=None if c.temperature_c is None else float(c.temperature_c),
        swelling=c.swelling,
        bruising=c.bruising,
        drain_output_ml=c.drain_output_ml,
        garment_worn=c.garment_worn,
        symptoms=list(c.symptoms),
        note=c.note,
        level=c.level,  # type: ignore[arg-type]
        advice=c.patient_advice,
        reasons=c.reasons,
        alert_clinic=c.is_alert,
        duplicate=duplicate,
        acknowledged_at=c.acknowledged_at,
        acknowledged_by=c.acknowledged_by.full_name if c.acknowledged_by else None,
        notify_status=c.notify_status,
    )


def _milestone(m: Milestone) -> MilestoneOut:
    return MilestoneOut(
        key=m.key,
        kind=m.kind.value,
        title=m.title,
        start_day=m.start_day,
        end_day=m.end_day,
        starts_on=m.starts_on,
        ends_on=m.ends_on,
        allowed=list(m.allowed),
        not_allowed=list(m.not_allowed),
        source_id=m.source_id,
    )


def recovery_out(course: RecoveryCourse) -> RecoveryOut:
    o = course_overview(course)
    today = None
    if o.view is not None:
        v = o.view
        today = TodayOut(
            day=v.day,
            phase=v.phase.title,
            do=list(v.do),
            avoid=list(v.avoid),
            due_today=[m.title for m in v.today],
            next_milestone=_milestone(v.next_milestone) if v.next_milestone else None,
        )
    return RecoveryOut(
        patient_id=course.patient_id,
        procedure_date=course.procedure_date,
        timezone=course.timezone,
        local_date=o.today,
        day=o.day,
        today=today,
        training_hold=course.training_hold,
        training_cleared_on=course.training_cleared_on,
        timeline=[_milestone(m) for m in o.timeline],
    )
