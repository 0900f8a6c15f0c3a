"""Weekly progression of sets, reps, load, work time and rest (a product default).

Each quantity is a non-decreasing (rest: non-increasing) function of the programme week,
capped, so difficulty never drops from one week to the next. The light post-op phase
clamps every quantity to a fixed easy value no harder than any full-phase week (full
phases start at the base values), so the step from light to full is only ever up.
"""

from __future__ import annotations

from dataclasses import dataclass

from hipdip.care.exercises import Dosing, Exercise, Level

__all__ = ["Dose", "cardio_dose", "dose_for", "hold_dose", "steady_dose", "strength_dose"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Dose:
    """One exercise in a session, in the unit that fits it (``dosing``): sets x ``reps``
    for strength, sets x ``work_s`` for a hold, rounds (``sets``) x ``work_s`` with rest
    for intervals, and ``work_s`` (whole minutes) for steady cardio such as walking."""

    exercise: str
    sets: int
    reps: int | None
    work_s: int | None
    load_kg: float | None  # per hand
    rest_s: int
    dosing: Dosing = Dosing.REPS

    @property
    def minutes(self) -> int | None:
        return (self.work_s or 0) // 60 if self.dosing is Dosing.STEADY else None

    @property
    def text(self) -> str:
        """The prescription as a patient reads it: "3 × 12", "20 min", "4 rounds × 25 s"."""
        if self.dosing is Dosing.STEADY:
            return f"{self.minutes} min"
        if self.dosing is Dosing.HOLD:
            return f"{self.sets} × {self.work_s} s hold"
        if self.dosing is Dosing.INTERVALS:
            return f"{self.sets} rounds × {self.work_s} s"
        return f"{self.sets} × {self.reps}"


def dose_for(e: Exercise, week: int, level: Level, light: bool) -> Dose:
    """The dose of ``e`` in the unit its dosing calls for."""
    make = {
        Dosing.REPS: strength_dose,
        Dosing.HOLD: hold_dose,
        Dosing.INTERVALS: cardio_dose,
        Dosing.STEADY: steady_dose,
    }[e.dosing]
    return make(e, week, level, light)


_BASE_SETS = {Level.BEGINNER: 2, Level.INTERMEDIATE: 3, Level.ADVANCED: 3}
_BASE_REPS = {Level.BEGINNER: 10, Level.INTERMEDIATE: 12, Level.ADVANCED: 12}
_BASE_REST = {Level.BEGINNER: 90, Level.INTERMEDIATE: 75, Level.ADVANCED: 60}
_LOAD_OFFSET_KG = {Level.BEGINNER: 0.0, Level.INTERMEDIATE: 0.5, Level.ADVANCED: 1.5}


def strength_dose(e: Exercise, week: int, level: Level, light: bool) -> Dose:
    """Sets +1 every 4 weeks (max 5), reps +1 every 2 weeks (max 15), load +0.5 kg every
    2 weeks within the exercise's range, rest -5 s every 2 weeks (min 45 s)."""
    step = (week - 1) // 2
    sets = min(_BASE_SETS[level] + (week - 1) // 4, 5)
    reps = min(_BASE_REPS[level] + step, 15)
    rest = max(_BASE_REST[level] - 5 * step, 45)
    load = None
    if e.load_kg is not None:
        lo, hi = e.load_kg
        load = min(lo + _LOAD_OFFSET_KG[level] + 0.5 * step, hi)
    if light:
        sets, reps, rest, load = min(sets, 2), min(reps, 10), max(rest, 90), None
    return Dose(exercise=e.slug, sets=sets, reps=reps, work_s=None, load_kg=load, rest_s=rest)


def cardio_dose(e: Exercise, week: int, level: Level, light: bool) -> Dose:
    """Intervals: rounds +1 every 3 weeks (max 6), work +5 s every 2 weeks (max 45 s),
    rest -5 s every 2 weeks (min 15 s)."""
    step = (week - 1) // 2
    rounds = min(3 + level.rank + (week - 1) // 3, 6)
    work = min(20 + 5 * level.rank + 5 * step, 45)
    rest = max(40 - 5 * level.rank - 5 * step, 15)
    if light:
        rounds, work, rest = min(rounds, 3), min(work, 20), max(rest, 40)
    return Dose(
        exercise=e.slug,
        sets=rounds,
        reps=None,
        work_s=work,
        load_kg=None,
        rest_s=rest,
        dosing=Dosing.INTERVALS,
    )


_BASE_MINUTES = {Level.BEGINNER: 10, Level.INTERMEDIATE: 15, Level.ADVANCED: 20}


def steady_dose(e: Exercise, week: int, level: Level, light: bool) -> Dose:
    """Continuous cardio in whole minutes: +5 min every 2 weeks (max 45 min); 10 min in
    the light post-op phase. One bout, no rest."""
    minutes = min(_BASE_MINUTES[level] + 5 * ((week - 1) // 2), 45)
    if light:
        minutes = min(minutes, 10)
    return Dose(
        exercise=e.slug,
        sets=1,
        reps=None,
        work_s=60 * minutes,
        load_kg=None,
        rest_s=0,
        dosing=Dosing.STEADY,
    )


def hold_dose(e: Exercise, week: int, level: Level, light: bool) -> Dose:
    """A held position: sets as for strength, hold +5 s every 2 weeks (20-60 s)."""
    step = (week - 1) // 2
    sets = min(_BASE_SETS[level] + (week - 1) // 4, 5)
    hold = min(20 + 5 * level.rank + 5 * step, 60)
    rest = max(_BASE_REST[level] - 5 * step, 45)
    if light:
        sets, hold, rest = min(sets, 2), min(hold, 20), max(rest, 90)
    return Dose(
        exercise=e.slug,
        sets=sets,
        reps=None,
        work_s=hold,
        load_kg=None,
        rest_s=rest,
        dosing=Dosing.HOLD,
    )
