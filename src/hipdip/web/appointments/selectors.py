"""Reading appointments: the next visit of a patient, a clinic's visits in a period, a
person's list, and the events of the patient's calendar. Free slots are in ``slots``."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Iterable

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from hipdip.web.accounts.models import Clinic, User
from hipdip.web.appointments.models import (
    Appointment,
    AppointmentType,
    BookingRules,
    Kind,
    Status,
)
from hipdip.web.appointments.rules import DEFAULT_HORIZON_DAYS, DEFAULT_NOTICE_HOURS
from hipdip.web.clinic.selectors import default_timezone_for
from hipdip.web.patients.models import Patient
from hipdip.web.recovery.selectors import VisitBooking
from hipdip.web.recovery.services import ExtraEvent


def _booked() -> QuerySet[Appointment]:
    return Appointment.objects.filter(status=Status.BOOKED).select_related(
        "type", "staff", "patient__user", "clinic"
    )


def _upcoming(now: dt.datetime | None) -> QuerySet[Appointment]:
    """Booked visits that have not started yet, earliest first."""
    return _booked().filter(start__gte=now or timezone.now()).order_by("start", "pk")


def next_appointment(patient: Patient, *, now: dt.datetime | None = None) -> Appointment | None:
    """The patient's next booked visit that has not started yet, or None."""
    return _upcoming(now).filter(patient=patient).first()


def next_appointments(
    patients: Iterable[Patient], *, now: dt.datetime | None = None
) -> dict[uuid.UUID, Appointment]:
    """:func:`next_appointment` of many patients at once (one query, for lists), by
    patient id; patients with no visit coming are left out."""
    now = now or timezone.now()
    first = _upcoming(now).filter(patient=OuterRef("patient")).values("pk")[:1]
    ids = [p.pk for p in patients]
    found = _upcoming(now).filter(patient__in=ids, pk=Subquery(first)) if ids else []
    return {a.patient_id: a for a in found}


def appointments_between(
    *, clinic: Clinic, start: dt.datetime, end: dt.datetime
) -> QuerySet[Appointment]:
    """The clinic's booked visits that start in [start, end), earliest first."""
    return _booked().filter(clinic=clinic, start__gte=start, start__lt=end).order_by("start")


def appointments_of_patient(
    patient: Patient, *, include_past: bool = False, now: dt.datetime | None = None
) -> QuerySet[Appointment]:
    """A patient's booked visits, earliest first (upcoming only unless `include_past`)."""
    qs = _booked().filter(patient=patient)
    if not include_past:
        qs = qs.filter(end__gt=now or timezone.now())
    return qs.order_by("start")


def appointments_of_clinic(
    clinic: Clinic, *, start: dt.datetime, end: dt.datetime, staff: User | None = None
) -> QuerySet[Appointment]:
    """The clinic's booked visits overlapping [start, end), optionally of one staff member."""
    qs = _booked().filter(clinic=clinic, start__lt=end, end__gt=start)
    if staff is not None:
        qs = qs.filter(staff=staff)
    return qs.order_by("start", "staff__full_name")


def types_of(clinic: Clinic, *, patient_bookable: bool | None = None) -> QuerySet[AppointmentType]:
    """The visit types a clinic offers (active ones), in a stable order."""
    qs = AppointmentType.objects.filter(clinic=clinic, active=True)
    if patient_bookable is not None:
        qs = qs.filter(patient_bookable=patient_bookable)
    return qs.order_by("kind", "followup_day", "name")


def type_by_key(clinic: Clinic, key: str) -> AppointmentType | None:
    """The clinic's active type with this key, or None."""
    return AppointmentType.objects.filter(clinic=clinic, key=key, active=True).first()


def staff_of(clinic: Clinic) -> QuerySet[User]:
    """The clinic's active staff who can be booked (coordinators, surgeons, admins)."""
    return User.objects.filter(
        clinic=clinic, is_active=True, role__in=("coordinator", "surgeon", "clinic_admin")
    ).order_by("full_name")


def notice_hours_for(clinic: Clinic) -> int:
    """How many hours ahead patients must book, move or cancel: the clinic's rule, else
    the product default."""
    rules = BookingRules.objects.filter(clinic=clinic).first()
    if rules is not None and rules.notice_hours is not None:
        return rules.notice_hours
    return DEFAULT_NOTICE_HOURS


def horizon_days_for(clinic: Clinic) -> int:
    """How many days ahead patients may book: the clinic's rule, else the default."""
    rules = BookingRules.objects.filter(clinic=clinic).first()
    if rules is not None and rules.horizon_days is not None:
        return rules.horizon_days
    return DEFAULT_HORIZON_DAYS


def calendar_events(patient: Patient) -> list[ExtraEvent]:
    """The patient's booked visits from a week ago on, for their private calendar."""
    since = timezone.now() - dt.timedelta(days=7)
    return [
        calendar_event(a)
        for a in _booked().filter(patient=patient, end__gte=since).order_by("start")
    ]


def calendar_event(a: Appointment) -> ExtraEvent:
    """One visit as a calendar event (its UID stays the same when it is moved)."""
    return ExtraEvent(
        uid=f"appointment-{a.pk}@hipdip",
        on=a.start.date(),
        summary=f"{a.type.name} at {a.clinic.name}",
        description=f"With {a.staff.full_name}. To move or cancel it, use hipdip or "
        "call the clinic.",
        starts_at=a.start,
        ends_at=a.end,
    )


def followup_bookings(patient: Patient, *, now: dt.datetime | None = None) -> list[VisitBooking]:
    """Each follow-up visit type of the patient's clinic with the patient's booked visit of
    that type (times in the clinic's zone): the next one still to come, else the last one
    held; no visit booked: ``starts_at`` is None. For the recovery page's "Coming up"."""
    if patient.clinic is None:
        return []
    types = list(types_of(patient.clinic).filter(kind=Kind.FOLLOWUP, followup_day__isnull=False))
    now = now or timezone.now()
    zone = zoneinfo.ZoneInfo(default_timezone_for(patient.clinic))
    visits = Appointment.objects.filter(
        patient=patient, status=Status.BOOKED, type__in=types
    ).order_by("start")
    chosen: dict[int, Appointment] = {}
    for a in visits:
        held = chosen.get(a.type_id)
        if held is None or held.end <= now:
            chosen[a.type_id] = a  # the first still to come wins over any held before
    out = []
    for t in types:
        assert t.followup_day is not None
        visit = chosen.get(t.pk)
        out.append(
            VisitBooking(
                followup_day=t.followup_day,
                type_key=t.key,
                patient_bookable=t.patient_bookable,
                starts_at=visit.start.astimezone(zone) if visit else None,
            )
        )
    return out
