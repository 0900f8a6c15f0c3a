"""Booking, moving and cancelling visits.

Patients book, move and cancel their own visits of the types the clinic lets them book,
at least the clinic's notice period ahead and within its booking horizon. Staff book any
type for their own clinic's patients, at any time in the future within someone's hours.

No person is booked twice at once. On PostgreSQL the exclusion constraints of migration
0002 guarantee it even for two requests at the same moment (the loser's insert fails and
becomes a 409); on SQLite write transactions are serialised and the overlap check inside
the transaction is enough.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.appointments.models import Appointment, AppointmentType, Status
from hipdip.web.appointments.selectors import horizon_days_for, notice_hours_for
from hipdip.web.appointments.slots import within_hours
from hipdip.web.audit.models import Outcome
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import Conflict, DomainError, full_clean_or_raise
from hipdip.web.patients.access import NotFound, Perm, can_access_patient
from hipdip.web.patients.models import Patient


class SlotTaken(Conflict):
    code = "slot_taken"


class BookingRefused(DomainError):
    """A booking the rules do not allow (in the past, outside hours, too late...)."""

    code = "booking_refused"


def _is_staff_of(actor: Actor, patient: Patient) -> bool:
    user = actor.user
    return (
        user is not None
        and user.is_clinic_staff
        and patient.clinic_id is not None
        and user.clinic_id == patient.clinic_id
    )


def _check_patient(actor: Actor, patient: Patient) -> None:
    """The actor may book for this patient: themselves, or a patient of their clinic."""
    if not can_access_patient(actor.user, patient, Perm.CHANGE):
        audit_record(
            actor=actor,
            action="appointment.book",
            patient=patient,
            target=patient,
            outcome=Outcome.DENIED,
        )
        raise NotFound
    if patient.clinic_id is None:
        raise BookingRefused(
            "You are not with a clinic yet, so there is nobody to book a visit with.",
            code="no_clinic",
        )


def _check_rules(
    *,
    actor: Actor,
    patient: Patient,
    appointment_type: AppointmentType,
    staff: User,
    start: dt.datetime,
    now: dt.datetime,
    booked_already: bool = False,
) -> dt.datetime:
    """Refuse a visit the rules do not allow; returns its end. A visit `booked_already`
    (being moved) keeps its kind even if the clinic no longer offers it."""
    if start.tzinfo is None or start.utcoffset() is None:
        raise BookingRefused("Give the start time with its time zone offset.", code="naive_time")
    clinic = patient.clinic
    assert clinic is not None
    offered = appointment_type.active or booked_already
    if appointment_type.clinic_id != clinic.pk or not offered:
        raise BookingRefused("This clinic does not offer that kind of visit.", code="unknown_type")
    if staff.clinic_id != clinic.pk or not staff.is_clinic_staff or not staff.is_active:
        raise BookingRefused("There is no such staff member at this clinic.", code="unknown_staff")
    if start <= now:
        raise BookingRefused("That time has already passed. Pick a later one.", code="in_past")
    if not _is_staff_of(actor, patient):
        if not appointment_type.patient_bookable:
            raise BookingRefused(
                f"Please call the clinic to book a {appointment_type.name.lower()}.",
                code="staff_only",
            )
        notice = notice_hours_for(clinic)
        if start < now + dt.timedelta(hours=notice):
            raise BookingRefused(
                f"Visits can be booked online up to {notice} hours ahead. "
                "For anything sooner, please call the clinic.",
                code="too_late",
            )
        horizon = horizon_days_for(clinic)
        if start > now + dt.timedelta(days=horizon):
            raise BookingRefused(
                f"Visits can be booked up to {horizon} days ahead.", code="too_far_ahead"
            )
    end = start + dt.timedelta(minutes=appointment_type.duration_minutes)
    if not within_hours(clinic=clinic, staff=staff, start=start, end=end):
        raise BookingRefused(
            f"{staff.full_name} does not see people at that time. Pick one of the free slots.",
            code="outside_hours",
        )
    return end


def _check_free(appt: Appointment) -> None:
    """Inside the booking transaction: nobody in this visit is booked elsewhere then."""
    overlapping = Appointment.objects.filter(
        status=Status.BOOKED, start__lt=appt.end, end__gt=appt.start
    ).exclude(pk=appt.pk)
    if overlapping.filter(staff_id=appt.staff_id).exists():
        raise SlotTaken("This time has just been taken. Please pick another slot.")
    if overlapping.filter(patient_id=appt.patient_id).exists():
        raise SlotTaken(
            "There is already a visit booked for this patient at that time.",
            code="patient_busy",
        )


def _save(appt: Appointment) -> None:
    """Save inside a savepoint, turning the PostgreSQL exclusion constraint's refusal (a
    request that raced this one and won) into the same 409 as the check."""
    try:
        with transaction.atomic():
            appt.save()
    except IntegrityError as exc:
        if "no_overlap" in str(exc):
            raise SlotTaken("This time has just been taken. Please pick another slot.") from exc
        raise
    except OperationalError as exc:
        # Two bookings racing for overlapping times can wait on each other's exclusion
        # checks; PostgreSQL then cancels one of them (deadlock, 40P01): the other has it.
        if getattr(getattr(exc, "__cause__", None), "sqlstate", None) == "40P01":
            raise SlotTaken("This time has just been taken. Please pick another slot.") from exc
        raise


def appointment_book(
    *,
    actor: Actor,
    patient: Patient,
    appointment_type: AppointmentType,
    staff: User,
    start: dt.datetime,
    now: dt.datetime | None = None,
) -> Appointment:
    """Book a visit; `SlotTaken` (409) if the staff member or the patient is busy then."""
    _check_patient(actor, patient)
    now = now or timezone.now()
    end = _check_rules(
        actor=actor,
        patient=patient,
        appointment_type=appointment_type,
        staff=staff,
        start=start,
        now=now,
    )
    appt = Appointment(
        clinic=patient.clinic,
        patient=patient,
        staff=staff,
        type=appointment_type,
        start=start,
        end=end,
        created_by=actor.user,
    )
    full_clean_or_raise(appt)
    with transaction.atomic():
        _check_free(appt)
        _save(appt)
        audit_record(
            actor=actor,
            action="appointment.book",
            patient=patient,
            target=appt,
            detail={"type": appointment_type.key},
        )
    return appt


def _check_change(actor: Actor, appt: Appointment, now: dt.datetime, verb: str) -> None:
    if not can_access_patient(actor.user, appt.patient, Perm.CHANGE):
        raise NotFound
    if appt.status != Status.BOOKED:
        raise Conflict("This visit has been cancelled already.", code="already_cancelled")
    if appt.start <= now:
        raise BookingRefused(f"This visit has started or is over; it cannot be {verb}.")
    if not _is_staff_of(actor, appt.patient):
        if not appt.type.patient_bookable:
            raise BookingRefused(f"Please call the clinic to have this visit {verb}.")
        notice = notice_hours_for(appt.clinic)
        if appt.start < now + dt.timedelta(hours=notice):
            raise BookingRefused(
                f"This visit is less than {notice} hours away. Please call the clinic to "
                f"have it {verb}.",
                code="too_late",
            )


def appointment_move(
    *,
    actor: Actor,
    appointment: Appointment,
    start: dt.datetime,
    staff: User | None = None,
    now: dt.datetime | None = None,
) -> Appointment:
    """Move a visit to another time (and, for staff, another staff member); it keeps its
    id. The same rules as booking apply to the new time. Its own time and person again
    change nothing (and are not recorded as a move)."""
    now = now or timezone.now()
    appt = appointment
    _check_change(actor, appt, now, "moved")
    new_staff = staff or appt.staff
    if start == appt.start and new_staff.pk == appt.staff_id:
        return appt  # its own time again: nothing moves, nothing to record
    end = _check_rules(
        actor=actor,
        patient=appt.patient,
        appointment_type=appt.type,
        staff=new_staff,
        start=start,
        now=now,
        booked_already=True,
    )
    before = {"start": appt.start.isoformat(), "staff": appt.staff_id}
    with transaction.atomic():
        appt = Appointment.objects.select_for_update().get(pk=appt.pk)
        if appt.status != Status.BOOKED:
            raise Conflict("This visit has been cancelled already.", code="already_cancelled")
        appt.start, appt.end, appt.staff = start, end, new_staff
        full_clean_or_raise(appt)
        _check_free(appt)
        _save(appt)
        audit_record(
            actor=actor,
            action="appointment.move",
            patient=appt.patient,
            target=appt,
            detail={"from": before, "to": {"start": start.isoformat(), "staff": new_staff.pk}},
        )
    return appt


def appointment_cancel(
    *, actor: Actor, appointment: Appointment, now: dt.datetime | None = None
) -> Appointment:
    """Cancel a visit (the row stays, marked cancelled, so the slot is free again)."""
    now = now or timezone.now()
    _check_change(actor, appointment, now, "cancelled")
    with transaction.atomic():
        appt = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if appt.status != Status.BOOKED:
            raise Conflict("This visit has been cancelled already.", code="already_cancelled")
        appt.status = Status.CANCELLED
        appt.cancelled_at = now
        appt.cancelled_by = actor.user
        appt.save(update_fields=["status", "cancelled_at", "cancelled_by", "updated_at"])
        audit_record(actor=actor, action="appointment.cancel", patient=appt.patient, target=appt)
    return appt
