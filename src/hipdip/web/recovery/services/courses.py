"""Recovery courses: create or update one (staff, or the procedure record's hook), the
surgeon's training clearance, and the patient's own time zone."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from hipdip.care.recovery import recovery_day
from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.selectors import default_timezone_for
from hipdip.web.core.errors import Conflict, DomainError, full_clean_or_raise
from hipdip.web.patients.models import Patient
from hipdip.web.recovery.models import CheckIn, RecoveryCourse

#: How far from today a procedure date may be: catches typos such as a wrong year.
MAX_PAST = dt.timedelta(days=3 * 366)
MAX_AHEAD = dt.timedelta(days=366)


def recovery_course_save(
    *,
    actor: Actor,
    patient: Patient,
    procedure_date: dt.date,
    timezone_name: str | None = None,
    procedure_ref: str = "",
) -> RecoveryCourse:
    """Start a patient's recovery course or correct it (procedure date, time zone).

    Moving the procedure date recomputes the recovery day of earlier check-ins (their
    triage stays as it was given); a date after an existing check-in is refused.
    """
    if patient.clinic_id is None:
        raise DomainError("Only a clinic's patients have a recovery course.", code="no_clinic")
    _check_procedure_date(procedure_date)
    with transaction.atomic():
        course = RecoveryCourse.objects.select_for_update().filter(patient=patient).first()
        created = course is None
        old_timezone = course.timezone if course is not None else None
        if course is None:
            course = RecoveryCourse(
                patient=patient,
                timezone=timezone_name or default_timezone_for(patient.clinic),
                created_by=actor.user,
            )
        elif timezone_name:
            course.timezone = timezone_name
        changed = _changed(course, procedure_date, procedure_ref, created)
        if not created and course.timezone != old_timezone:
            changed.append("timezone")
        course.procedure_date = procedure_date
        if procedure_ref:
            course.procedure_ref = procedure_ref
        course.updated_at = timezone.now()
        full_clean_or_raise(course)
        course.save()
        if "procedure_date" in changed and not created:
            _renumber_checkins(course)
        audit_record(
            actor=actor,
            action="recovery_course.create" if created else "recovery_course.update",
            patient=patient,
            target=course,
            detail={"fields": changed},
        )
    return course


def recovery_course_from_procedure(
    *, actor: Actor, patient: Patient, procedure_date: dt.date, procedure_ref: str
) -> RecoveryCourse:
    """The hook for the procedure record: its date starts (or moves) the recovery."""
    return recovery_course_save(
        actor=actor, patient=patient, procedure_date=procedure_date, procedure_ref=procedure_ref
    )


def training_clearance_set(
    *, actor: Actor, course: RecoveryCourse, hold: bool, cleared_on: dt.date | None
) -> RecoveryCourse:
    """The surgeon holds training, or clears it from a date (None: not cleared yet).

    Only a surgeon of the patient's clinic may do this: the product organises, the
    surgeon decides.
    """
    user = actor.user
    if user is None or user.role != Role.SURGEON or user.clinic_id != course.patient.clinic_id:
        raise PermissionDenied("Only the patient's surgeon can hold or clear training.")
    if cleared_on is not None and cleared_on < course.procedure_date:
        raise DomainError(
            "Clearance cannot come before the procedure date.",
            code="invalid",
            details={"cleared_on": ["Clearance cannot come before the procedure date."]},
        )
    with transaction.atomic():
        locked = RecoveryCourse.objects.select_for_update().get(pk=course.pk)
        locked.training_hold = hold
        locked.training_cleared_on = cleared_on
        locked.clearance_by = user
        locked.clearance_at = timezone.now()
        locked.updated_at = locked.clearance_at
        full_clean_or_raise(locked)
        locked.save()
        audit_record(
            actor=actor,
            action="recovery_course.clearance",
            patient=locked.patient,
            target=locked,
            detail={"hold": hold, "cleared": cleared_on is not None},
        )
    return locked


def course_timezone_set(*, actor: Actor, course: RecoveryCourse, timezone_name: str) -> None:
    """The patient (or staff) says where the patient is now, so 'today' is right."""
    with transaction.atomic():
        locked = RecoveryCourse.objects.select_for_update().get(pk=course.pk)
        locked.timezone = timezone_name
        locked.updated_at = timezone.now()
        full_clean_or_raise(locked)
        locked.save(update_fields=["timezone", "updated_at"])
        audit_record(
            actor=actor,
            action="recovery_course.update",
            patient=locked.patient,
            target=locked,
            detail={"fields": ["timezone"]},
        )
    course.timezone = timezone_name


def _check_procedure_date(procedure_date: dt.date) -> None:
    today = timezone.localdate()
    if not today - MAX_PAST <= procedure_date <= today + MAX_AHEAD:
        message = "This procedure date is too far from today; check the year."
        raise DomainError(message, code="invalid", details={"procedure_date": [message]})


def _changed(
    course: RecoveryCourse, procedure_date: dt.date, procedure_ref: str, created: bool
) -> list[str]:
    if created:
        return ["procedure_date", "timezone"]
    fields = []
    if course.procedure_date != procedure_date:
        fields.append("procedure_date")
        first = CheckIn.objects.filter(course=course).order_by("local_date").first()
        if first is not None and first.local_date < procedure_date:
            raise Conflict(
                f"There are check-ins from {first.local_date:%d %b %Y}, before this date. "
                "Check the procedure date.",
                code="checkins_before_date",
            )
    if procedure_ref and course.procedure_ref != procedure_ref:
        fields.append("procedure_ref")
    return fields


def _renumber_checkins(course: RecoveryCourse) -> None:
    for checkin in CheckIn.objects.filter(course=course).only("pk", "local_date", "day"):
        day = recovery_day(course.procedure_date, checkin.local_date)
        if day != checkin.day:
            CheckIn.objects.filter(pk=checkin.pk).update(day=day)
