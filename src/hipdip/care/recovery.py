"""Recovery timeline after liposuction with fat grafting, and the patient's "today" view.

Days count from the procedure: day 0 is the day of surgery, day 1 the next day. All
day numbers come from :class:`~hipdip.care.settings.ClinicSettings` (sources there).
Functions take dates, never datetimes; :func:`local_date` turns an aware datetime into
the patient's local date so a patient in another time zone sees the right day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hipdip.care.settings import ClinicSettings

__all__ = [
    "Milestone",
    "MilestoneKind",
    "TodayView",
    "local_date",
    "recovery_day",
    "recovery_timeline",
    "today_view",
]


class MilestoneKind(StrEnum):
    PHASE = "phase"  # activity level; phases follow one another without overlap
    RESTRICTION = "restriction"  # something to do or avoid for a period
    PERMISSION = "permission"  # something that becomes possible
    VISIT = "visit"  # follow-up visit
    PHOTOS = "photos"  # post-op photo session, measured like the first photos
    RESULT = "result"  # when the result can be judged


@dataclass(frozen=True, slots=True, kw_only=True)
class Milestone:
    """A dated step; active from ``start_day`` to ``end_day`` inclusive (open if None)."""

    key: str
    kind: MilestoneKind
    title: str
    start_day: int
    end_day: int | None
    starts_on: date
    ends_on: date | None
    allowed: tuple[str, ...]
    not_allowed: tuple[str, ...]
    source_id: str

    def active_on(self, day: int) -> bool:
        return self.start_day <= day and (self.end_day is None or day <= self.end_day)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Spec:
    key: str
    kind: MilestoneKind
    title: str
    start: int
    end: int | None
    allowed: tuple[str, ...]
    not_allowed: tuple[str, ...]
    source: str


def _specs(s: ClinicSettings) -> list[_Spec]:
    k, rec = MilestoneKind, "clinic-recovery"
    return [
        _Spec(
            key="rest",
            kind=k.PHASE,
            title="Rest and short walks",
            start=0,
            end=s.desk_work_days - 1,
            source=rec,
            allowed=(
                "Short, gentle walks several times a day",
                "Rest with your hips free of pressure",
            ),
            not_allowed=(
                "Work, unless your surgeon agrees",
                "Lifting or straining your hips",
                "Exercise",
            ),
        ),
        _Spec(
            key="desk_work",
            kind=k.PHASE,
            title="Back to desk work",
            start=s.desk_work_days,
            end=s.light_exercise_days - 1,
            source=rec,
            allowed=("Desk work", "Everyday walking"),
            not_allowed=("Cardio, bending and lifting", "Straining your hips"),
        ),
        _Spec(
            key="light_exercise",
            kind=k.PHASE,
            title="Light exercise",
            start=s.light_exercise_days,
            end=s.normal_activity_days - 1,
            source=rec,
            allowed=("Light, low-impact exercise", "Brisk walking"),
            not_allowed=("Running and jumping", "Heavy lifting"),
        ),
        _Spec(
            key="normal_activity",
            kind=k.PHASE,
            title="Normal activity",
            start=s.normal_activity_days,
            end=None,
            source=rec,
            allowed=("Normal activities and full training, unless your surgeon says otherwise",),
            not_allowed=(),
        ),
        _Spec(
            key="dressings",
            kind=k.RESTRICTION,
            title="Bandages and possible drains",
            start=0,
            end=s.dressings_days,
            source="aesthetic-society",
            allowed=("Care for bandages and drains as the clinic showed you",),
            not_allowed=("Baths, pools and hot tubs", "Removing dressings yourself"),
        ),
        _Spec(
            key="compression",
            kind=k.RESTRICTION,
            title="Compression garment",
            start=0,
            end=s.compression_days,
            source=rec,
            allowed=("Wear the garment day and night; take it off briefly to wash",),
            not_allowed=("Leaving the garment off for long",),
        ),
        _Spec(
            key="no_pressure_on_grafts",
            kind=k.RESTRICTION,
            title="Keep pressure off the grafted hips",
            start=0,
            end=s.no_pressure_on_grafts_days,
            source=rec,
            allowed=("Lying on your back or front; sitting with a cushion under your thighs",),
            not_allowed=("Sitting or lying directly on the grafted hips",),
        ),
        _Spec(
            key="no_driving",
            kind=k.RESTRICTION,
            title="No driving",
            start=0,
            end=s.driving_days_min - 1,
            source=rec,
            allowed=(),
            not_allowed=("Driving",),
        ),
        _Spec(
            key="driving",
            kind=k.PERMISSION,
            title="Driving again",
            start=s.driving_days_min,
            end=s.driving_days_max,
            source=rec,
            allowed=("Driving, once you are off strong painkillers and can brake hard",),
            not_allowed=(),
        ),
        _Spec(
            key="final_result",
            kind=k.RESULT,
            title="Swelling settled: result can be judged",
            start=s.final_result_days_min,
            end=s.final_result_days_max,
            source=rec,
            allowed=("Comparing before and after photos",),
            not_allowed=(),
        ),
        *(
            _Spec(
                key=f"visit_day_{d}",
                kind=k.VISIT,
                title=f"Follow-up visit (day {d})",
                start=d,
                end=d,
                allowed=(),
                not_allowed=(),
                source="hipdip-policy",
            )
            for d in s.followup_days
        ),
        *(
            _Spec(
                key=f"photos_week_{w}",
                kind=k.PHOTOS,
                title=f"Progress photos (week {w})",
                start=7 * w,
                end=7 * w,
                allowed=("Front and back photos, same set-up as before",),
                not_allowed=(),
                source="hipdip-policy",
            )
            for w in s.photo_session_weeks
        ),
    ]


def recovery_timeline(*, procedure_date: date, settings: ClinicSettings) -> tuple[Milestone, ...]:
    """Dated milestones from the procedure date, ordered by start day then end day."""
    milestones = [
        Milestone(
            key=sp.key,
            kind=sp.kind,
            title=sp.title,
            start_day=sp.start,
            end_day=sp.end,
            starts_on=procedure_date + timedelta(days=sp.start),
            ends_on=None if sp.end is None else procedure_date + timedelta(days=sp.end),
            allowed=sp.allowed,
            not_allowed=sp.not_allowed,
            source_id=sp.source,
        )
        for sp in _specs(settings)
    ]
    return tuple(sorted(milestones, key=lambda m: (m.start_day, m.end_day or 10**6)))


def recovery_day(procedure_date: date, today: date) -> int:
    """Day of recovery: 0 on the day of surgery, negative before it."""
    return (today - procedure_date).days


@dataclass(frozen=True, slots=True, kw_only=True)
class TodayView:
    """What the patient sees today: day N, the phase, what to do and avoid, what's next."""

    day: int
    phase: Milestone
    do: tuple[str, ...]
    avoid: tuple[str, ...]
    today: tuple[Milestone, ...]  # visits and photo sessions due today
    next_milestone: Milestone | None


def today_view(*, procedure_date: date, today: date, settings: ClinicSettings) -> TodayView:
    """The patient's view for ``today``; ``ValueError`` before the day of surgery."""
    day = recovery_day(procedure_date, today)
    if day < 0:
        raise ValueError(
            f"the procedure is in {-day} day(s); the recovery view starts on the day of surgery"
        )
    timeline = recovery_timeline(procedure_date=procedure_date, settings=settings)
    active = [m for m in timeline if m.active_on(day)]
    (phase,) = [m for m in active if m.kind is MilestoneKind.PHASE]
    return TodayView(
        day=day,
        phase=phase,
        do=tuple(dict.fromkeys(a for m in active for a in m.allowed)),
        avoid=tuple(dict.fromkeys(a for m in active for a in m.not_allowed)),
        today=tuple(m for m in active if m.kind in (MilestoneKind.VISIT, MilestoneKind.PHOTOS)),
        next_milestone=next((m for m in timeline if m.start_day > day), None),
    )


def local_date(moment: datetime, tz_name: str) -> date:
    """The calendar date of an aware ``moment`` in the patient's IANA time zone."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("moment must be timezone-aware (for example in UTC)")
    try:
        zone = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {tz_name!r}; use an IANA name such as 'Europe/London'"
        ) from None
    return moment.astimezone(zone).date()
