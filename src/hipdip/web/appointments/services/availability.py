"""Staff availability: weekly hours and the exceptions to them (days off, extra hours).

Hours are wall-clock times in the clinic's time zone. One person's blocks never overlap:
an overlapping block is refused with a sentence saying which one it collides with.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.accounts.roles import require_staff
from hipdip.web.appointments.models import (
    AvailabilityException,
    ExceptionKind,
    Weekday,
    WeeklyHours,
)
from hipdip.web.appointments.services.types import appointment_types_ensure
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import Conflict, DomainError, full_clean_or_raise


class NotClinicStaff(DomainError):
    status_code = 404
    code = "not_found"


def _check_editor(actor: Actor, staff: User) -> None:
    """Staff edit their own hours; clinic admins and coordinators edit anyone's in their
    clinic."""
    clinic = require_staff(actor)
    if staff.clinic_id != clinic.pk or not staff.is_clinic_staff or not staff.is_active:
        raise NotClinicStaff("No such staff member in your clinic.")
    user = actor.user
    assert user is not None
    if user.pk != staff.pk and user.role not in ("clinic_admin", "coordinator"):
        raise DomainError(
            "Only a clinic admin or a coordinator can change someone else's hours.",
            code="forbidden",
        )


def _hhmm(t: dt.time) -> str:
    return t.strftime("%H:%M")


def weekly_hours_add(
    *, actor: Actor, staff: User, weekday: int, start_time: dt.time, end_time: dt.time
) -> WeeklyHours:
    """Add a block to a staff member's usual week; refused if it overlaps one they have."""
    _check_editor(actor, staff)
    with transaction.atomic():
        # Lock the person's blocks so two editors cannot add overlapping ones at once.
        existing = list(
            WeeklyHours.objects.select_for_update().filter(staff=staff, weekday=weekday)
        )
        block = WeeklyHours(
            clinic=staff.clinic,
            staff=staff,
            weekday=weekday,
            start_time=start_time,
            end_time=end_time,
        )
        full_clean_or_raise(block)
        for other in existing:
            if other.start_time < end_time and start_time < other.end_time:
                raise Conflict(
                    f"{staff.full_name} already has hours on {Weekday(weekday).label} "
                    f"{_hhmm(other.start_time)}-{_hhmm(other.end_time)}, which overlap "
                    f"{_hhmm(start_time)}-{_hhmm(end_time)}.",
                    code="hours_overlap",
                )
        block.save()
        appointment_types_ensure(clinic=block.clinic)
        audit_record(actor=actor, action="weekly_hours.add", target=block, clinic=block.clinic)
    return block


def weekly_hours_remove(*, actor: Actor, block: WeeklyHours) -> None:
    """Remove a block of usual hours (booked visits in it stay booked)."""
    _check_editor(actor, block.staff)
    with transaction.atomic():
        audit_record(actor=actor, action="weekly_hours.remove", target=block, clinic=block.clinic)
        block.delete()


def availability_exception_add(
    *,
    actor: Actor,
    staff: User,
    date: dt.date,
    kind: str,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    note: str = "",
) -> AvailabilityException:
    """Time off (the whole day without times) or extra hours on one date. Extra hours may
    not overlap the person's other extra hours that day."""
    _check_editor(actor, staff)
    with transaction.atomic():
        existing = list(
            AvailabilityException.objects.select_for_update().filter(
                staff=staff, date=date, kind=kind
            )
        )
        change = AvailabilityException(
            clinic=staff.clinic,
            staff=staff,
            date=date,
            kind=kind,
            start_time=start_time,
            end_time=end_time,
            note=note.strip(),
        )
        full_clean_or_raise(change)
        if kind == ExceptionKind.EXTRA:
            assert start_time is not None and end_time is not None
            for other in existing:
                if (
                    other.start_time is not None
                    and other.end_time is not None
                    and other.start_time < end_time
                    and start_time < other.end_time
                ):
                    raise Conflict(
                        f"{staff.full_name} already has extra hours on {date:%d %B %Y} "
                        f"{_hhmm(other.start_time)}-{_hhmm(other.end_time)}, which overlap "
                        f"{_hhmm(start_time)}-{_hhmm(end_time)}.",
                        code="hours_overlap",
                    )
        change.save()
        appointment_types_ensure(clinic=change.clinic)
        audit_record(
            actor=actor, action="availability_exception.add", target=change, clinic=change.clinic
        )
    return change


def availability_exception_remove(*, actor: Actor, change: AvailabilityException) -> None:
    _check_editor(actor, change.staff)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="availability_exception.remove",
            target=change,
            clinic=change.clinic,
        )
        change.delete()
