"""Free slots: each staff member's hours on each day (weekly hours, plus extra hours, minus
time off), less the visits already booked, cut into visits of the type's length.

Hours are wall-clock times in the clinic's time zone, so a slot at 09:00 stays at 09:00
local time across a daylight-saving change; slots are returned as aware datetimes in that
zone.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

from hipdip.web.accounts.models import Clinic, User
from hipdip.web.appointments.models import (
    Appointment,
    AppointmentType,
    AvailabilityException,
    ExceptionKind,
    Status,
    WeeklyHours,
)
from hipdip.web.appointments.selectors import staff_of
from hipdip.web.clinic.selectors import default_timezone_for
from hipdip.web.patients.models import Patient

Interval = tuple[dt.datetime, dt.datetime]


@dataclass(frozen=True)
class Slot:
    start: dt.datetime
    end: dt.datetime
    staff_id: int
    staff_name: str


def clinic_zone(clinic: Clinic) -> ZoneInfo:
    """The clinic's time zone (its care setting), in which hours and days are meant."""
    return ZoneInfo(default_timezone_for(clinic))


def _subtract(intervals: list[Interval], cuts: Iterable[Interval]) -> list[Interval]:
    """`intervals` with every part covered by `cuts` removed (both half-open)."""
    result = intervals
    for c0, c1 in cuts:
        nxt: list[Interval] = []
        for a, b in result:
            if c1 <= a or b <= c0:
                nxt.append((a, b))
                continue
            if a < c0:
                nxt.append((a, c0))
            if c1 < b:
                nxt.append((c1, b))
        result = nxt
    return result


def _merge(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for a, b in sorted(intervals):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _at(day: dt.date, t: dt.time, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, t, tzinfo=zone)


def working_intervals(
    *, clinic: Clinic, staff_ids: list[int], first: dt.date, last: dt.date
) -> dict[int, list[Interval]]:
    """Each staff member's hours from `first` to `last` (local dates, inclusive), as aware
    intervals: weekly hours plus extra hours, minus time off."""
    zone = clinic_zone(clinic)
    weekly: dict[tuple[int, int], list[WeeklyHours]] = defaultdict(list)
    for h in WeeklyHours.objects.filter(clinic=clinic, staff_id__in=staff_ids):
        weekly[(h.staff_id, h.weekday)].append(h)
    changes: dict[tuple[int, dt.date], list[AvailabilityException]] = defaultdict(list)
    for c in AvailabilityException.objects.filter(
        clinic=clinic, staff_id__in=staff_ids, date__gte=first, date__lte=last
    ):
        changes[(c.staff_id, c.date)].append(c)
    out: dict[int, list[Interval]] = {}
    for sid in staff_ids:
        intervals: list[Interval] = []
        day = first
        while day <= last:
            todays = [
                (_at(day, h.start_time, zone), _at(day, h.end_time, zone))
                for h in weekly.get((sid, day.weekday()), [])
            ]
            day_changes = changes.get((sid, day), [])
            todays += [
                (_at(day, c.start_time, zone), _at(day, c.end_time, zone))
                for c in day_changes
                if c.kind == ExceptionKind.EXTRA and c.start_time and c.end_time
            ]
            offs = [c for c in day_changes if c.kind == ExceptionKind.OFF]
            if any(c.whole_day for c in offs):
                todays = []
            todays = _subtract(
                _merge(todays),
                [
                    (_at(day, c.start_time, zone), _at(day, c.end_time, zone))
                    for c in offs
                    if c.start_time and c.end_time
                ],
            )
            intervals += todays
            day += dt.timedelta(days=1)
        out[sid] = intervals
    return out


def _busy(
    *, staff_ids: list[int], patient: Patient | None, start: dt.datetime, end: dt.datetime
) -> tuple[dict[int, list[Interval]], list[Interval]]:
    booked = Appointment.objects.filter(status=Status.BOOKED, start__lt=end, end__gt=start)
    per_staff: dict[int, list[Interval]] = defaultdict(list)
    for sid, a, b in booked.filter(staff_id__in=staff_ids).values_list("staff_id", "start", "end"):
        per_staff[sid].append((a, b))
    mine: list[Interval] = []
    if patient is not None:
        mine = list(booked.filter(patient=patient).values_list("start", "end"))
    return per_staff, mine


def free_slots(
    *,
    clinic: Clinic,
    appointment_type: AppointmentType,
    first: dt.date,
    last: dt.date,
    staff: User | None = None,
    patient: Patient | None = None,
    earliest: dt.datetime | None = None,
    latest: dt.datetime | None = None,
    ignore: Appointment | None = None,
) -> list[Slot]:
    """Bookable slots of `appointment_type` on local dates `first`..`last`, earliest
    first. A slot starts no sooner than `earliest` (default: now) and no later than
    `latest`; it overlaps nobody's booked visit (nor the patient's own, when given);
    `ignore` is a visit being moved, whose time counts as free."""
    people = [staff] if staff is not None else list(staff_of(clinic))
    names = {u.pk: u.full_name for u in people}
    ids = list(names)
    hours = working_intervals(clinic=clinic, staff_ids=ids, first=first, last=last)
    zone = clinic_zone(clinic)
    span = (_at(first, dt.time(0), zone), _at(last + dt.timedelta(days=1), dt.time(0), zone))
    busy, patient_busy = _busy(staff_ids=ids, patient=patient, start=span[0], end=span[1])
    if ignore is not None:
        own = (ignore.start, ignore.end)
        busy = {k: [iv for iv in v if iv != own] for k, v in busy.items()}
        patient_busy = [iv for iv in patient_busy if iv != own]
    length = dt.timedelta(minutes=appointment_type.duration_minutes)
    not_before = earliest if earliest is not None else timezone.now()
    slots: list[Slot] = []
    for sid in ids:
        for a, b in _subtract(hours[sid], busy.get(sid, [])):
            t = a
            while t + length <= b:
                in_window = t >= not_before and (latest is None or t <= latest)
                clash = any(p0 < t + length and t < p1 for p0, p1 in patient_busy)
                if in_window and not clash:
                    slots.append(Slot(t, t + length, sid, names[sid]))
                t += length
    slots.sort(key=lambda s: (s.start, s.staff_name))
    return slots


def within_hours(*, clinic: Clinic, staff: User, start: dt.datetime, end: dt.datetime) -> bool:
    """Whether [start, end) lies inside one stretch of the staff member's hours."""
    zone = clinic_zone(clinic)
    first = start.astimezone(zone).date()
    last = end.astimezone(zone).date()
    hours = working_intervals(clinic=clinic, staff_ids=[staff.pk], first=first, last=last)
    return any(a <= start and end <= b for a, b in _merge(hours[staff.pk]))
