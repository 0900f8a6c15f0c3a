"""Training programmes that reduce the look of hip dips or keep a surgical result.

:func:`generate_programme` builds dated sessions from the exercise catalogue with weekly
progression: sets, reps, load and work time never go down from week to week, rest never
goes up. After surgery (a :class:`PostOpClearance`) the recovery milestones rule:

* nothing at all while the surgeon holds training, or before the surgeon's clearance;
* nothing before the light-exercise day (default day 28), whatever the clearance date;
* from then until the normal-activity day (default day 42): light phase, low-impact
  bodyweight or band work only, no jumping, no weights;
* full programme after that. Side-lying work is left out while grafts must be spared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from hipdip.care._progression import Dose, dose_for
from hipdip.care.exercises import CATALOGUE, Category, Equipment, Exercise, Impact, Level
from hipdip.care.settings import ClinicSettings

__all__ = [
    "NUTRITION",
    "NUTRITION_AFTER_SURGERY",
    "Block",
    "Dose",
    "Goal",
    "Phase",
    "PostOpClearance",
    "Programme",
    "Session",
    "generate_programme",
]


class Goal(StrEnum):
    REDUCE_LOOK = "reduce_look"
    MAINTAIN_AFTER_SURGERY = "maintain_after_surgery"


class Phase(StrEnum):
    LIGHT = "light"
    FULL = "full"


@dataclass(frozen=True, slots=True, kw_only=True)
class PostOpClearance:
    """The surgeon's say on training after a procedure; ``cleared_on`` None: not yet."""

    procedure_date: date
    surgeon_hold: bool = False
    cleared_on: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    category: Category
    items: tuple[Dose, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Session:
    on: date
    week: int  # 1-based programme week
    phase: Phase
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Programme:
    """Dated sessions plus plain nutrition guidance; ``notes`` explain any gaps."""

    goal: Goal
    level: Level
    start_date: date
    weeks: int
    days_per_week: int
    sessions: tuple[Session, ...]
    allowed_from: date | None  # first day a session may fall on (None: none allowed)
    nutrition: tuple[str, ...]
    notes: tuple[str, ...]


NUTRITION: tuple[str, ...] = (
    "Build meals around vegetables and fruit, with whole grains and a lean protein such as "
    "fish, chicken, eggs, beans or tofu.",
    "Drink water through the day; keep sugary drinks and alcohol for now and then.",
    "Steady habits beat strict diets: aim for changes you can keep.",
)
NUTRITION_AFTER_SURGERY: tuple[str, ...] = (
    "While you heal, eat regular, balanced meals: this is not the time for a strict diet.",
    "Include protein at each meal to help healing, and plenty of fruit and vegetables.",
    "Keep your weight steady: grafted fat behaves like fat elsewhere in the body.",
    "Drink enough water and avoid alcohol until your surgeon says otherwise.",
)

_OFFSETS = {2: (0, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 4, 5), 6: (0, 1, 2, 3, 4, 5)}
_STRENGTH_PER_SESSION = 4


@dataclass(frozen=True, slots=True, kw_only=True)
class _Request:
    goal: Goal
    level: Level
    kit: frozenset[Equipment]
    start_date: date
    clearance: PostOpClearance | None
    settings: ClinicSettings
    allow_high_impact: bool


def generate_programme(
    *,
    goal: Goal,
    level: Level,
    equipment: Iterable[Equipment],
    days_per_week: int,
    weeks: int,
    start_date: date,
    settings: ClinicSettings,
    clearance: PostOpClearance | None = None,
    allow_high_impact: bool = True,
) -> Programme:
    """Generate a dated programme; ``ValueError`` for out-of-range options.

    Sessions fall on fixed weekdays from ``start_date`` (e.g. 3 a week: days 0, 2, 4
    of each week) and are left out before ``Programme.allowed_from``.
    """
    kit = _check_options(goal, equipment, days_per_week, weeks, clearance)
    req = _Request(
        goal=goal,
        level=level,
        kit=kit,
        start_date=start_date,
        clearance=clearance,
        settings=settings,
        allow_high_impact=allow_high_impact,
    )
    allowed_from, notes = _allowed_from(clearance, settings)
    sessions = []
    for week in range(1, weeks + 1):
        for i, offset in enumerate(_OFFSETS[days_per_week]):
            on = start_date + timedelta(days=7 * (week - 1) + offset)
            if allowed_from is not None and on >= allowed_from:
                sessions.append(_session(req, on, week, i))
    return Programme(
        goal=goal,
        level=level,
        start_date=start_date,
        weeks=weeks,
        days_per_week=days_per_week,
        sessions=tuple(sessions),
        allowed_from=allowed_from,
        nutrition=NUTRITION_AFTER_SURGERY if clearance is not None else NUTRITION,
        notes=notes,
    )


def _check_options(
    goal: Goal,
    equipment: Iterable[Equipment],
    days_per_week: int,
    weeks: int,
    clearance: PostOpClearance | None,
) -> frozenset[Equipment]:
    if days_per_week not in _OFFSETS:
        raise ValueError(f"days_per_week must be 2-6, got {days_per_week!r}")
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= 24:
        raise ValueError(f"weeks must be 1-24, got {weeks!r}")
    if goal is Goal.MAINTAIN_AFTER_SURGERY and clearance is None:
        raise ValueError("a programme to keep a surgical result needs the post-op clearance")
    try:
        return frozenset(Equipment(e) for e in equipment)
    except ValueError:
        raise ValueError(f"unknown equipment; choose from {', '.join(Equipment)}") from None


def _allowed_from(
    clearance: PostOpClearance | None, s: ClinicSettings
) -> tuple[date | None, tuple[str, ...]]:
    if clearance is None:
        return date.min, ()
    if clearance.surgeon_hold:
        return None, ("Your surgeon has paused training. Sessions appear once it is resumed.",)
    if clearance.cleared_on is None:
        return None, ("Training starts once your surgeon clears you.",)
    light_day = clearance.procedure_date + timedelta(days=s.light_exercise_days)
    start = max(clearance.cleared_on, light_day)
    return start, (
        f"No sessions before {start:%d %B %Y}: your clearance and the "
        f"{s.light_exercise_days}-day recovery milestone both apply.",
    )


def _phase(on: date, clearance: PostOpClearance | None, s: ClinicSettings) -> Phase:
    if clearance is None:
        return Phase.FULL
    full_from = clearance.procedure_date + timedelta(days=s.normal_activity_days)
    return Phase.FULL if on >= full_from else Phase.LIGHT


def _phase_week(on: date, start: date, clearance: PostOpClearance | None, s: ClinicSettings) -> int:
    """Week of the full phase (1-based): progression restarts from the base after the
    light post-op phase instead of jumping to the programme week's load."""
    full_start = start
    if clearance is not None:
        full_start = max(start, clearance.procedure_date + timedelta(days=s.normal_activity_days))
    return (on - full_start).days // 7 + 1


def _usable(
    e: Exercise, level: Level, kit: frozenset[Equipment], phase: Phase, spare_hips: bool
) -> bool:
    if e.level.rank > level.rank or not e.equipment <= kit or (spare_hips and e.hip_pressure):
        return False
    if phase is Phase.LIGHT:
        return e.impact is Impact.LOW and e.load_kg is None and e.level is Level.BEGINNER
    return True


def _session(req: _Request, on: date, week: int, index: int) -> Session:
    s, clearance = req.settings, req.clearance
    phase = _phase(on, clearance, s)
    light = phase is Phase.LIGHT
    step_week = 1 if light else _phase_week(on, req.start_date, clearance, s)
    spare = clearance is not None and (on - clearance.procedure_date).days <= (
        s.no_pressure_on_grafts_days
    )
    pool = [e for e in CATALOGUE.values() if _usable(e, req.level, req.kit, phase, spare)]
    strength = [e for e in pool if e.category is Category.STRENGTH]
    cardio = sorted(
        (
            e
            for e in pool
            if e.category is Category.CARDIO and (e.impact is Impact.LOW or req.allow_high_impact)
        ),
        key=lambda e: (e.impact is not Impact.HIGH, e.slug),  # jumping first when allowed
    )
    n_cardio = 2 if req.goal is Goal.REDUCE_LOOK else 1
    blocks = [
        Block(
            category=Category.STRENGTH,
            items=tuple(
                dose_for(e, step_week, req.level, light)
                for e in _rotate(strength, index, _STRENGTH_PER_SESSION)
            ),
        )
    ]
    if cardio:
        blocks.append(
            Block(
                category=Category.CARDIO,
                items=tuple(dose_for(e, step_week, req.level, light) for e in cardio[:n_cardio]),
            )
        )
    return Session(on=on, week=week, phase=phase, blocks=tuple(blocks))


def _rotate(items: list[Exercise], index: int, count: int) -> list[Exercise]:
    """``count`` exercises starting at a per-session offset, so sessions vary."""
    if len(items) <= count:
        return items
    start = (index * count) % len(items)
    return [items[(start + j) % len(items)] for j in range(count)]
