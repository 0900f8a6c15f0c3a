"""What the API and the pages share: who books for which clinic, the type and staff member
a request names, and the slots the person asking may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Clinic, User
from hipdip.web.appointments.models import Appointment, AppointmentType
from hipdip.web.appointments.rules import MAX_SEARCH_DAYS
from hipdip.web.appointments.selectors import (
    horizon_days_for,
    notice_hours_for,
    staff_of,
    type_by_key,
)
from hipdip.web.appointments.services import BookingRefused
from hipdip.web.appointments.slots import Slot, free_slots
from hipdip.web.patients.access import NotFound, get_for_actor
from hipdip.web.patients.models import Patient


@dataclass(frozen=True)
class Booker:
    """The person booking: a patient (for themselves) or clinic staff (for anyone of it)."""

    clinic: Clinic
    patient: Patient | None  # the patient themselves; None for staff
    is_staff: bool


def booker_of(actor: Actor) -> Booker:
    user = actor.user
    if user is None or not user.is_active:
        raise PermissionDenied("Sign in first.")
    if user.is_clinic_staff and user.clinic is not None:
        return Booker(clinic=user.clinic, patient=None, is_staff=True)
    patient = Patient.objects.select_related("clinic", "user").filter(user=user).first()
    if user.is_patient and patient is not None:
        if patient.clinic is None:
            raise BookingRefused(
                "You are not with a clinic yet, so there is nobody to book a visit with.",
                code="no_clinic",
            )
        return Booker(clinic=patient.clinic, patient=patient, is_staff=False)
    raise PermissionDenied("Only patients and clinic staff can book visits.")


def type_for(booker: Booker, key: str) -> AppointmentType:
    """The clinic's type with this key; patients only get the ones they may book."""
    t = type_by_key(booker.clinic, key)
    if t is None or (not booker.is_staff and not t.patient_bookable):
        raise BookingRefused(
            "There is no such kind of visit to book here.", code="unknown_type", details=key
        )
    return t


def staff_for(booker: Booker, staff_id: int | None) -> User | None:
    if staff_id is None:
        return None
    user = staff_of(booker.clinic).filter(pk=staff_id).first()
    if user is None:
        raise BookingRefused("There is no such staff member at this clinic.", code="unknown_staff")
    return user


def slots_for(
    booker: Booker,
    appointment_type: AppointmentType,
    first: dt.date,
    last: dt.date,
    *,
    staff: User | None = None,
    patient: Patient | None = None,
    moving: Appointment | None = None,
) -> list[Slot]:
    """The free slots the booker may take: patients from the notice period on and within
    the horizon; staff from now on."""
    if last < first:
        raise BookingRefused("The end date is before the start date.", code="bad_range")
    if (last - first).days >= MAX_SEARCH_DAYS:
        raise BookingRefused(
            f"Ask for at most {MAX_SEARCH_DAYS} days at a time.", code="range_too_long"
        )
    now = timezone.now()
    earliest, latest = now, None
    if not booker.is_staff:
        earliest = now + dt.timedelta(hours=notice_hours_for(booker.clinic))
        latest = now + dt.timedelta(days=horizon_days_for(booker.clinic))
    return free_slots(
        clinic=booker.clinic,
        appointment_type=appointment_type,
        first=first,
        last=last,
        staff=staff,
        patient=patient if patient is not None else booker.patient,
        earliest=earliest,
        latest=latest,
        ignore=moving,
    )


def patient_for(actor: Actor, booker: Booker, patient_id: str | None) -> Patient:
    """Whom the visit is for: the patient themselves, or (staff) a patient of the clinic."""
    if not booker.is_staff:
        assert booker.patient is not None
        if patient_id and str(patient_id) != str(booker.patient.pk):
            raise BookingRefused("You can book visits for yourself only.", code="unknown_patient")
        return booker.patient
    if not patient_id:
        raise BookingRefused("Choose the patient the visit is for.", code="patient_required")
    try:
        return get_for_actor(actor, Patient, patient_id, action=None)
    except NotFound as exc:
        raise BookingRefused(
            "There is no such patient at your clinic.", code="unknown_patient"
        ) from exc
