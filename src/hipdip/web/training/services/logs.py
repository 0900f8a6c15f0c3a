"""Workout logs: create or edit, keeping every saved version; no log of a session that
is not scheduled (so none before the surgeon's clearance) and none ahead of time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from hipdip.care import training as care_training
from hipdip.care.exercises import CATALOGUE
from hipdip.web.accounts.actor import Actor
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import Conflict, full_clean_or_raise
from hipdip.web.training.models import (
    MAX_LOAD_KG,
    MAX_REPS,
    MAX_SETS,
    MAX_WORK_S,
    RPE_MAX,
    RPE_MIN,
    Programme,
    WorkoutEntry,
    WorkoutLog,
    WorkoutLogRevision,
)
from hipdip.web.training.selectors import (
    programme_schedule,
    session_on,
    today_for,
)
from hipdip.web.training.services._common import invalid


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
        raise invalid("entries", "Log at least one set, or leave this session unlogged.")
    session_rpe = _int_in("rpe", rpe, RPE_MIN, RPE_MAX, required=False)
    note = (note or "").strip()
    if len(note) > 1000:
        raise invalid("note", "Keep the note under 1000 characters.")
    today = today_for(programme.patient, programme)
    if session_date > today:
        raise invalid(
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
        raise invalid(
            "session_date",
            "Training isn't cleared for this date, so there is nothing to log. "
            + " ".join(schedule.notes),
            code="not_cleared",
        )
    raise invalid("session_date", "No session is planned on this date.", code="not_scheduled")


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
        raise invalid(where, f"Unknown exercise {str(e.exercise)[:40]!r}.")
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
            raise invalid(field, f"{label}: enter a number.")
        return None
    if isinstance(value, bool):
        raise invalid(field, f"{label}: enter a whole number.")
    try:
        number = int(str(value).strip())
    except ValueError:
        raise invalid(field, f"{label}: enter a whole number.") from None
    if not lo <= number <= hi:
        raise invalid(field, f"{label}: enter a number from {lo} to {hi}.")
    return number


def _load(field: str, value: Any, name: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise invalid(field, f"{name}: enter the weight in kg, e.g. 5 or 7.5.") from None
    if not number.is_finite() or not 0 <= number <= MAX_LOAD_KG:
        raise invalid(field, f"{name}: enter a weight from 0 to {MAX_LOAD_KG} kg.")
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
