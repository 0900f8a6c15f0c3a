"""Training: start or end a programme, and log a workout (create or edit, keeping every
saved version)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from hipdip.care import training as care_training
from hipdip.care.exercises import CATALOGUE, Equipment
from hipdip.web.audit.services import audit_record
from hipdip.web.core.actor import Actor
from hipdip.web.core.errors import Conflict, DomainError, full_clean_or_raise
from hipdip.web.patients.models import Patient
from hipdip.web.recovery.clinical import timezone_error
from hipdip.web.training.models import (
    MAX_LOAD_KG,
    MAX_REPS,
    MAX_SETS,
    MAX_WORK_S,
    RPE_MAX,
    RPE_MIN,
    Goal,
    Level,
    Programme,
    Status,
    WorkoutEntry,
    WorkoutLog,
    WorkoutLogRevision,
)
from hipdip.web.training.selectors import (
    clearance_for,
    programme_schedule,
    session_on,
    today_for,
)

MAX_START_PAST = dt.timedelta(days=28)
MAX_START_AHEAD = dt.timedelta(days=366)


def _invalid(field: str, message: str, code: str = "invalid") -> DomainError:
    return DomainError(message, code=code, details={field: [message]})


def programme_create(
    *,
    actor: Actor,
    patient: Patient,
    goal: str,
    level: str,
    equipment: Sequence[str],
    days_per_week: int,
    weeks: int,
    start_date: dt.date,
    allow_high_impact: bool = True,
    timezone_name: str | None = None,
) -> Programme:
    """Start a programme (the previous active one ends; its logs stay)."""
    _check_options(goal, level, equipment, days_per_week, weeks)
    clearance = clearance_for(patient)
    if goal == Goal.MAINTAIN_AFTER_SURGERY and clearance is None:
        raise _invalid(
            "goal",
            "Keeping a surgical result needs your surgery on record with the clinic. "
            "Choose the other goal, or ask the clinic to add it.",
        )
    today = today_for(patient)
    if not today - MAX_START_PAST <= start_date <= today + MAX_START_AHEAD:
        raise _invalid("start_date", "Start within the next year, or in the last four weeks.")
    tz = timezone_name or None
    if tz and timezone_error(tz):
        raise _invalid("timezone", timezone_error(tz) or "")
    programme = Programme(
        patient=patient,
        goal=goal,
        level=level,
        equipment=sorted(set(equipment)),
        days_per_week=days_per_week,
        weeks=weeks,
        start_date=start_date,
        allow_high_impact=allow_high_impact,
        timezone=tz or _zone(patient),
        created_by=actor.user,
    )
    # Without "patient": the one-active-programme rule is checked by the database once the
    # old programme has ended inside the transaction below.
    full_clean_or_raise(programme, exclude=["patient"])
    try:  # the care layer has the last word on the options
        programme_schedule(programme, clearance=clearance, lookup=False)
    except ValueError as exc:
        raise DomainError(str(exc), code="invalid") from exc
    with transaction.atomic():
        for old in Programme.objects.select_for_update().filter(
            patient=patient, status=Status.ACTIVE
        ):
            _end(actor, old)
        programme.save(force_insert=True)
        audit_record(
            actor=actor,
            action="programme.create",
            patient=patient,
            target=programme,
            detail={"goal": goal, "post_op": clearance is not None},
        )
    return programme


def _check_options(
    goal: str, level: str, equipment: Sequence[str], days_per_week: Any, weeks: Any
) -> None:
    if goal not in Goal.values:
        raise _invalid("goal", f"Choose a goal: {', '.join(Goal.values)}.")
    if level not in Level.values:
        raise _invalid("level", f"Choose a level: {', '.join(Level.values)}.")
    kit = {e.value for e in Equipment}
    unknown = sorted({str(e) for e in equipment} - kit)
    if isinstance(equipment, str) or unknown:
        named = ", ".join(unknown) or repr(equipment)
        raise _invalid(
            "equipment", f"Unknown equipment {named}; choose from {', '.join(sorted(kit))}."
        )
    if isinstance(days_per_week, bool) or days_per_week not in range(2, 7):
        raise _invalid("days_per_week", "Train 2 to 6 days a week.")
    if isinstance(weeks, bool) or weeks not in range(1, 25):
        raise _invalid("weeks", "A programme lasts 1 to 24 weeks.")


def programme_end(*, actor: Actor, programme: Programme) -> Programme:
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        if locked.status != Status.ACTIVE:
            raise Conflict("This programme has already ended.", code="already_ended")
        _end(actor, locked)
    return locked


def _end(actor: Actor, programme: Programme) -> None:
    programme.status = Status.ENDED
    programme.ended_at = timezone.now()
    programme.save(update_fields=["status", "ended_at"])
    audit_record(actor=actor, action="programme.end", patient=programme.patient, target=programme)


def _zone(patient: Patient) -> str:
    from hipdip.web.training.selectors import patient_timezone

    return patient_timezone(patient)


@dataclass(frozen=True)
class EntryInput:
    exercise: str
    sets: Any
    reps: Any = None
    work_s: Any = None
    load_kg: Any = None
    rpe: Any = None


def workout_log_save(
    *,
    actor: Actor,
    programme: Programme,
    session_date: dt.date,
    entries: Sequence[EntryInput],
    rpe: Any = None,
    note: str = "",
    base_revision: int | None = None,
) -> WorkoutLog:
    """Log a scheduled session, or edit its log.

    ``base_revision`` is the revision the person was looking at (None for a new log).
    If the log changed in the meantime (another device, another tab) this refuses with
    ``Conflict`` and changes nothing, so the caller can show both versions. Every saved
    version is kept.
    """
    clean_entries = [_clean_entry(i, e) for i, e in enumerate(entries)]
    if not any(e.sets for e in clean_entries):
        raise _invalid("entries", "Log at least one set, or leave this session unlogged.")
    session_rpe = _int_in("rpe", rpe, RPE_MIN, RPE_MAX, required=False)
    note = (note or "").strip()
    if len(note) > 1000:
        raise _invalid("note", "Keep the note under 1000 characters.")
    today = today_for(programme.patient, programme)
    if session_date > today:
        raise _invalid(
            "session_date", "A session can be logged on its day or later, not ahead of time."
        )
    with transaction.atomic():
        log = (
            WorkoutLog.objects.select_for_update()
            .filter(programme=programme, session_date=session_date)
            .first()
        )
        if log is None:
            _check_scheduled(programme, session_date)
            log = WorkoutLog(programme=programme, session_date=session_date, created_by=actor.user)
            action = "workout_log.create"
        else:
            _check_revision(log, base_revision)
            log.revision += 1
            action = "workout_log.update"
        log.rpe = session_rpe
        log.note = note
        log.updated_by = actor.user
        log.updated_at = timezone.now()
        full_clean_or_raise(log, exclude=["programme"])  # the row lock guards uniqueness
        log.save()
        log.entries.all().delete()
        WorkoutEntry.objects.bulk_create(
            [WorkoutEntry(log=log, position=i, **vars(e)) for i, e in enumerate(clean_entries)]
        )
        WorkoutLogRevision.objects.create(
            log=log,
            revision=log.revision,
            content=_snapshot(log, clean_entries),
            saved_by=actor.user,
            saved_at=log.updated_at,
        )
        audit_record(
            actor=actor,
            action=action,
            patient=programme.patient,
            target=log,
            detail={"revision": log.revision},
        )
    return log


def _check_scheduled(programme: Programme, on: dt.date) -> None:
    schedule = programme_schedule(programme)
    if session_on(schedule, on) is not None:
        return
    if schedule.allowed_from is None or on < schedule.allowed_from:
        raise _invalid(
            "session_date",
            "Training isn't cleared for this date, so there is nothing to log. "
            + " ".join(schedule.notes),
            code="not_cleared",
        )
    raise _invalid("session_date", "No session is planned on this date.", code="not_scheduled")


def _check_revision(log: WorkoutLog, base_revision: int | None) -> None:
    if base_revision is None:
        raise Conflict(
            "This session is already logged. Open it to edit the log.", code="already_logged"
        )
    if base_revision != log.revision:
        raise Conflict(
            "This log was changed somewhere else after you opened it. Nothing was "
            "overwritten: check the saved version and send your changes again.",
            code="edited_elsewhere",
            details={"revision": log.revision},
        )


@dataclass(frozen=True)
class _Entry:
    exercise: str
    sets: int
    reps: int | None
    work_s: int | None
    load_kg: Decimal | None
    rpe: int | None


def _clean_entry(index: int, e: EntryInput) -> _Entry:
    where = f"entries.{index}"
    if e.exercise not in CATALOGUE:
        raise _invalid(where, f"Unknown exercise {str(e.exercise)[:40]!r}.")
    name = CATALOGUE[e.exercise].name
    sets = _int_in(f"{where}.sets", e.sets, 0, MAX_SETS, label=f"{name}: sets")
    reps = _int_in(f"{where}.reps", e.reps, 0, MAX_REPS, required=False, label=f"{name}: reps")
    work_s = _int_in(
        f"{where}.work_s", e.work_s, 0, MAX_WORK_S, required=False, label=f"{name}: seconds"
    )
    return _Entry(
        exercise=e.exercise,
        sets=sets or 0,
        reps=reps,
        work_s=work_s,
        load_kg=_load(f"{where}.load_kg", e.load_kg, name),
        rpe=_int_in(
            f"{where}.rpe", e.rpe, RPE_MIN, RPE_MAX, required=False, label=f"{name}: effort"
        ),
    )


def _int_in(
    field: str, value: Any, lo: int, hi: int, *, required: bool = True, label: str | None = None
) -> int | None:
    label = label or field.capitalize()
    if value is None or value == "":
        if required:
            raise _invalid(field, f"{label}: enter a number.")
        return None
    if isinstance(value, bool):
        raise _invalid(field, f"{label}: enter a whole number.")
    try:
        number = int(str(value).strip())
    except ValueError:
        raise _invalid(field, f"{label}: enter a whole number.") from None
    if not lo <= number <= hi:
        raise _invalid(field, f"{label}: enter a number from {lo} to {hi}.")
    return number


def _load(field: str, value: Any, name: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise _invalid(field, f"{name}: enter the weight in kg, e.g. 5 or 7.5.") from None
    if not number.is_finite() or not 0 <= number <= MAX_LOAD_KG:
        raise _invalid(field, f"{name}: enter a weight from 0 to {MAX_LOAD_KG} kg.")
    return number.quantize(Decimal("0.1"))


def _snapshot(log: WorkoutLog, entries: Sequence[_Entry]) -> dict[str, Any]:
    return {
        "session_date": log.session_date.isoformat(),
        "rpe": log.rpe,
        "note": log.note,
        "entries": [
            {
                "exercise": e.exercise,
                "sets": e.sets,
                "reps": e.reps,
                "work_s": e.work_s,
                "load_kg": None if e.load_kg is None else str(e.load_kg),
                "rpe": e.rpe,
            }
            for e in entries
        ],
    }


def planned_entries(session: care_training.Session) -> list[EntryInput]:
    """A session's planned doses as log entries (what the log form starts from)."""
    return [
        EntryInput(
            exercise=d.exercise,
            sets=d.sets,
            reps=d.reps,
            work_s=d.work_s,
            load_kg=d.load_kg,
        )
        for b in session.blocks
        for d in b.items
    ]
