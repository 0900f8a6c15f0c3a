"""Start or end a programme. The options are checked here; the care layer has the
last word on them when it generates the schedule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from hipdip.care.exercises import Equipment
from hipdip.web.accounts.actor import Actor
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.care import timezone_error
from hipdip.web.core.errors import Conflict, DomainError, full_clean_or_raise
from hipdip.web.patients.models import Patient
from hipdip.web.training.models import (
    Goal,
    Level,
    Programme,
    Status,
)
from hipdip.web.training.selectors import (
    clearance_for,
    programme_schedule,
    today_for,
)
from hipdip.web.training.services._common import invalid

MAX_START_PAST = dt.timedelta(days=28)

MAX_START_AHEAD = dt.timedelta(days=366)


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
        raise invalid(
            "goal",
            "Keeping a surgical result needs your surgery on record with the clinic. "
            "Choose the other goal, or ask the clinic to add it.",
        )
    today = today_for(patient)
    if not today - MAX_START_PAST <= start_date <= today + MAX_START_AHEAD:
        raise invalid("start_date", "Start within the next year, or in the last four weeks.")
    tz = timezone_name or None
    if tz and timezone_error(tz):
        raise invalid("timezone", timezone_error(tz) or "")
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
        raise invalid("goal", f"Choose a goal: {', '.join(Goal.values)}.")
    if level not in Level.values:
        raise invalid("level", f"Choose a level: {', '.join(Level.values)}.")
    kit = {e.value for e in Equipment}
    unknown = sorted({str(e) for e in equipment} - kit)
    if isinstance(equipment, str) or unknown:
        named = ", ".join(unknown) or repr(equipment)
        raise invalid(
            "equipment", f"Unknown equipment {named}; choose from {', '.join(sorted(kit))}."
        )
    if isinstance(days_per_week, bool) or days_per_week not in range(2, 7):
        raise invalid("days_per_week", "Train 2 to 6 days a week.")
    if isinstance(weeks, bool) or weeks not in range(1, 25):
        raise invalid("weeks", "A programme lasts 1 to 24 weeks.")


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
