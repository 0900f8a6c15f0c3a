"""One scheduled session and its workout log: the plan, the log form (prefilled from
the plan or the saved log), and the earlier versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hipdip.care import training as care_training
from hipdip.care.exercises import CATALOGUE, Dosing
from hipdip.web.access import Perm, get_for_actor
from hipdip.web.core.errors import Conflict, DomainError
from hipdip.web.exercises.catalogue import exercise_card
from hipdip.web.training import services
from hipdip.web.training.models import Programme, WorkoutLog
from hipdip.web.training.selectors import (
    logs_of,
    programme_schedule,
    session_on,
    today_for,
)
from hipdip.web.training.views._common import is_own, web_actor


@dataclass
class Row:
    index: int
    exercise: str
    name: str
    timed: bool
    planned: Any
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)

    @property
    def has_load(self) -> bool:
        return CATALOGUE[self.exercise].load_kg is not None or bool(self.values.get("load_kg"))

    @property
    def card(self) -> Any:
        return exercise_card(self.exercise)

    @property
    def steady(self) -> bool:
        """Continuous cardio (walking): logged in minutes, not sets of seconds."""
        e = CATALOGUE.get(self.exercise)
        return e is not None and e.dosing is Dosing.STEADY

    @property
    def minutes(self) -> str:
        work = self.values.get("work_s", "")
        sets = self.values.get("sets", "") or "1"
        if not work.isdigit() or not sets.isdigit():
            return ""
        return str(int(work) * max(int(sets), 1) // 60)


def _parse_date(on: str) -> dt.date:
    try:
        return dt.date.fromisoformat(on)
    except ValueError as exc:
        raise Http404 from exc


def _rows_from_plan(session: care_training.Session | None) -> list[Row]:
    if session is None:
        return []
    rows: list[Row] = []
    for d in (d for b in session.blocks for d in b.items):
        rows.append(
            Row(
                index=len(rows),
                exercise=d.exercise,
                name=CATALOGUE[d.exercise].name,
                timed=d.work_s is not None,
                planned=d,
                values={
                    "sets": str(d.sets),
                    "reps": "" if d.reps is None else str(d.reps),
                    "work_s": "" if d.work_s is None else str(d.work_s),
                    "load_kg": "" if d.load_kg is None else f"{d.load_kg:g}",
                    "rpe": "",
                },
            )
        )
    return rows


def _rows_from_log(log: WorkoutLog, plan: list[Row]) -> list[Row]:
    planned = {r.exercise: r.planned for r in plan}
    return [
        Row(
            index=i,
            exercise=e.exercise,
            name=CATALOGUE[e.exercise].name if e.exercise in CATALOGUE else e.exercise,
            timed=e.work_s is not None,
            planned=planned.get(e.exercise),
            values={
                "sets": str(e.sets),
                "reps": "" if e.reps is None else str(e.reps),
                "work_s": "" if e.work_s is None else str(e.work_s),
                "load_kg": "" if e.load_kg is None else f"{e.load_kg:g}",
                "rpe": "" if e.rpe is None else str(e.rpe),
            },
        )
        for i, e in enumerate(log.entries.all())
    ]


def _rows_from_post(request: HttpRequest, base: list[Row]) -> list[Row]:
    rows = []
    for r in base:
        values = {
            k: request.POST.get(f"e-{r.index}-{k}", "").strip()
            for k in ("sets", "reps", "work_s", "load_kg", "rpe")
        }
        minutes = request.POST.get(f"e-{r.index}-work_min", "").strip()
        if r.steady and minutes:
            # Walking is logged in minutes; stored as one bout of that many seconds.
            values["sets"] = "1"
            values["work_s"] = str(int(minutes) * 60) if minutes.isdigit() else minutes
        rows.append(Row(r.index, r.exercise, r.name, r.timed, r.planned, values))
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def session(request: HttpRequest, programme_id: str, on: str) -> HttpResponse:
    actor = web_actor(request)
    day = _parse_date(on)
    perm = Perm.CHANGE if request.method == "POST" else Perm.VIEW
    action = None if request.method == "POST" else "workout_log.view"
    prog = get_for_actor(actor, Programme, programme_id, perm=perm, action=action)
    schedule = programme_schedule(prog)
    planned = session_on(schedule, day)
    log = logs_of(prog).filter(session_date=day).first()
    if planned is None and log is None:
        raise Http404
    plan_rows = _rows_from_plan(planned)
    rows = _rows_from_log(log, plan_rows) if log else plan_rows
    today = today_for(prog.patient, prog)
    top_errors: list[str] = []
    conflict = False
    session_values = {
        "rpe": "" if not log or log.rpe is None else str(log.rpe),
        "note": log.note if log else "",
    }
    if request.method == "POST":
        rows = _rows_from_post(request, rows)
        session_values = {"rpe": request.POST.get("rpe", ""), "note": request.POST.get("note", "")}
        base = request.POST.get("base_revision", "")
        try:
            services.workout_log_save(
                actor=actor,
                programme=prog,
                session_date=day,
                entries=[services.EntryInput(exercise=r.exercise, **r.values) for r in rows],
                rpe=session_values["rpe"],
                note=session_values["note"],
                base_revision=int(base) if base.isdigit() else None,
            )
        except Conflict as exc:
            conflict = True
            top_errors.append(exc.message)
            log = logs_of(prog).filter(session_date=day).first()
        except DomainError as exc:
            _place_errors(exc, rows, top_errors)
        else:
            messages.success(request, "Workout saved." if not log else "Changes saved.")
            return redirect("training:session", programme_id=prog.pk, on=day.isoformat())
    return render(
        request,
        "training/session.html",
        {
            "programme": prog,
            "patient": prog.patient,
            "planned": planned,
            "plan_blocks": [
                (b.category.value, [(d, CATALOGUE[d.exercise].name) for d in b.items])
                for b in (planned.blocks if planned else ())
            ],
            "day": day,
            "log": log,
            "rows": rows,
            "session_values": session_values,
            "top_errors": top_errors,
            "conflict": conflict,
            "can_log": day <= today,
            "today": today,
            "revisions": list(log.revisions.select_related("saved_by")) if log else [],
            "is_own": is_own(actor, prog.patient),
            "rpe_choices": range(1, 11),
        },
    )


def _place_errors(exc: DomainError, rows: list[Row], top: list[str]) -> None:
    details = exc.details if isinstance(exc.details, dict) else {}
    placed = False
    for key, msgs in details.items():
        parts = str(key).split(".")
        if parts[0] == "entries" and len(parts) >= 2 and parts[1].isdigit():
            idx = int(parts[1])
            if idx < len(rows):
                rows[idx].errors.extend(msgs)
                placed = True
                continue
        top.extend(msgs)
        placed = True
    if not placed:
        top.append(exc.message)
