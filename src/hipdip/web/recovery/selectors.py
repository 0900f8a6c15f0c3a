"""Reading recovery data: a patient's course and today view, check-ins, and the staff
dashboard (a clinic's clinical settings come from :mod:`hipdip.web.clinic.selectors`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone

from hipdip.care.recovery import (
    Milestone,
    MilestoneKind,
    TodayView,
    local_date,
    recovery_day,
    recovery_timeline,
    today_view,
)
from hipdip.care.settings import ClinicSettings
from hipdip.web.accounts.models import Clinic
from hipdip.web.clinic.selectors import care_settings_for
from hipdip.web.patients.models import Patient
from hipdip.web.recovery.models import CheckIn, Level, RecoveryCourse


def course_of(patient: Patient) -> RecoveryCourse | None:
    return RecoveryCourse.objects.filter(patient=patient).select_related("patient__clinic").first()


def patient_today(tz_name: str, *, now: dt.datetime | None = None) -> dt.date:
    """Today's date where the patient is (not where the server is)."""
    return local_date(now or timezone.now(), tz_name)


@dataclass(frozen=True)
class VisitBooking:
    """How a follow-up visit stands in the booking system (the appointments app says).

    ``starts_at`` is the booked start in the clinic's time zone (None: not booked yet);
    ``type_key`` is the visit type to book it with; ``patient_bookable`` whether the
    patient may book that type themselves."""

    followup_day: int
    type_key: str
    patient_bookable: bool
    starts_at: dt.datetime | None = None


#: Other apps say how the follow-up visits stand (the appointments app registers its
#: bookings in its ``AppConfig.ready``), so recovery needs to know nothing about them.
BookingProvider = Callable[[Patient], Iterable[VisitBooking]]
BOOKING_PROVIDERS: list[BookingProvider] = []


def register_booking_provider(provider: BookingProvider) -> None:
    if provider not in BOOKING_PROVIDERS:
        BOOKING_PROVIDERS.append(provider)


def visit_bookings(patient: Patient) -> dict[int, VisitBooking]:
    """The patient's follow-up visits as booked (or not), by follow-up day."""
    return {b.followup_day: b for p in BOOKING_PROVIDERS for b in p(patient)}


@dataclass(frozen=True)
class ComingUp:
    """A visit or photo session still to come: on its booked date when it is booked."""

    milestone: Milestone
    on: dt.date
    days: int  # days from today
    booking: VisitBooking | None = None  # a follow-up visit's booking state, if known

    @property
    def booked(self) -> bool:
        return self.booking is not None and self.booking.starts_at is not None


@dataclass(frozen=True)
class CourseOverview:
    """Everything the recovery page shows about a course on the patient's today."""

    course: RecoveryCourse
    settings: ClinicSettings
    today: dt.date
    day: int
    view: TodayView | None  # None before the day of surgery
    timeline: tuple[Milestone, ...]
    phases: tuple[Milestone, ...]
    restrictions: tuple[Milestone, ...]
    appointments: tuple[Milestone, ...]  # visits and photo sessions
    progress_pct: float  # share of the way to the normal-activity day
    bookings: Mapping[int, VisitBooking] = field(default_factory=dict)  # by follow-up day

    @property
    def timeline_rows(self) -> list[tuple[Milestone, str]]:
        """Milestones with their state today: done, now or later."""
        rows = []
        for m in self.timeline:
            if m.active_on(self.day):
                state = "now"
            elif m.end_day is not None and m.end_day < self.day:
                state = "done"
            else:
                state = "later"
            rows.append((m, state))
        return rows

    @property
    def coming_up(self) -> list[ComingUp]:
        """The next visits and photo sessions. A booked follow-up is on its booked date
        (which may differ from the planned day); one already held is left out."""
        rows = []
        for m in self.appointments:
            booking = self.bookings.get(m.start_day) if m.kind is MilestoneKind.VISIT else None
            on = m.starts_on
            if booking is not None and booking.starts_at is not None:
                on = booking.starts_at.date()
            if on >= self.today:
                rows.append(ComingUp(m, on, (on - self.today).days, booking))
        return sorted(rows, key=lambda r: r.on)[:4]

    @property
    def next_phase(self) -> tuple[Milestone, int] | None:
        """The next stage of recovery and the days until it starts."""
        later = [m for m in self.phases if m.start_day > self.day]
        return (later[0], later[0].start_day - self.day) if later else None

    @property
    def phase_bar(self) -> list[dict[str, object]]:
        """Geometry of the phase strip (0-1000 wide) up to the normal-activity day."""
        total = self.settings.normal_activity_days
        out = []
        for m in self.phases:
            end = m.end_day if m.end_day is not None else total + 4
            x0, x1 = m.start_day / (total + 4) * 1000, (end + 1) / (total + 4) * 1000
            out.append({"m": m, "x": x0, "w": max(x1 - x0 - 6, 4), "key": m.key})
        return out

    @property
    def marker_x(self) -> float:
        total = self.settings.normal_activity_days + 4
        return min(max(self.day, 0) + 0.5, total) / total * 1000

    @property
    def days_to_surgery(self) -> int:
        return max(-self.day, 0)

    @property
    def week(self) -> int:
        return self.day // 7 + 1 if self.day >= 0 else 0


def course_overview(
    course: RecoveryCourse,
    *,
    now: dt.datetime | None = None,
    settings: ClinicSettings | None = None,
    bookings: Mapping[int, VisitBooking] | None = None,
) -> CourseOverview:
    s = settings or care_settings_for(course.patient.clinic)
    today = patient_today(course.timezone, now=now)
    day = recovery_day(course.procedure_date, today)
    timeline = recovery_timeline(procedure_date=course.procedure_date, settings=s)
    view = (
        today_view(procedure_date=course.procedure_date, today=today, settings=s)
        if day >= 0
        else None
    )
    kinds = {MilestoneKind.VISIT, MilestoneKind.PHOTOS}
    return CourseOverview(
        course=course,
        settings=s,
        today=today,
        day=day,
        view=view,
        timeline=timeline,
        phases=tuple(m for m in timeline if m.kind is MilestoneKind.PHASE),
        restrictions=tuple(
            m
            for m in timeline
            if m.kind in (MilestoneKind.RESTRICTION, MilestoneKind.PERMISSION, MilestoneKind.RESULT)
        ),
        appointments=tuple(m for m in timeline if m.kind in kinds),
        progress_pct=min(max(day, 0) / s.normal_activity_days, 1.0) * 100,
        bookings=bookings or {},
    )


def checkins_of(course: RecoveryCourse) -> QuerySet[CheckIn]:
    """A course's check-ins, newest first."""
    return CheckIn.objects.filter(course=course).select_related(
        "submitted_by", "acknowledged_by", "course__patient__user"
    )


def dashboard_checkins(*, clinic: Clinic, show: str = "open") -> QuerySet[CheckIn]:
    """Check-ins of a clinic's patients for its staff, sorted by what needs attention:
    unacknowledged emergencies, then urgent, then routine; newest first within a level.

    ``show``: ``open`` (not yet acknowledged), ``alerts`` (every urgent or emergency
    check-in), ``all``.
    """
    qs = CheckIn.objects.filter(course__patient__clinic=clinic).select_related(
        "course__patient__user", "acknowledged_by", "submitted_by"
    )
    if show == "open":
        qs = qs.filter(acknowledged_at__isnull=True)
    elif show == "alerts":
        qs = qs.exclude(level=Level.ROUTINE)
    rank = Case(
        When(level=Level.EMERGENCY, then=Value(2)),
        When(level=Level.URGENT, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    waiting = Case(
        When(acknowledged_at__isnull=True, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return qs.annotate(rank=rank, waiting=waiting).order_by("-waiting", "-rank", "-submitted_at")


def open_alert_count(clinic: Clinic) -> int:
    return (
        CheckIn.objects.filter(course__patient__clinic=clinic, acknowledged_at__isnull=True)
        .exclude(level=Level.ROUTINE)
        .count()
    )


@dataclass(frozen=True)
class CitedReasons:
    """A check-in's reasons, each with the number of its source, and each source once."""

    reasons: list[tuple[dict[str, Any], int]]
    sources: list[str]


def cited_reasons(reasons: list[dict[str, Any]]) -> CitedReasons:
    """Number the distinct sources of ``reasons`` in order of first use, so a page lists a
    source once however many symptoms rest on it."""
    numbers: dict[str, int] = {}
    numbered = []
    for reason in reasons:
        source = str(reason.get("source_id") or "")
        if source not in numbers:
            numbers[source] = len(numbers) + 1
        numbered.append((reason, numbers[source]))
    return CitedReasons(reasons=numbered, sources=list(numbers))
