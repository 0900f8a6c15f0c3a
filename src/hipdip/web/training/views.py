"""Training pages: the patient's programme (schedule, streaks, progress, nutrition), the
programme form, and each session with its workout log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hipdip.care import training as care_training
from hipdip.care.exercises import CATALOGUE
from hipdip.web.access import Perm, get_for_actor
from hipdip.web.core.actor import Actor, actor_from_request
from hipdip.web.core.errors import Conflict, DomainError
from hipdip.web.exercises.catalogue import exercise_card
from hipdip.web.patients.models import Patient
from hipdip.web.photos.selectors import measured_photos_of_patient
from hipdip.web.recovery.selectors import course_of
from hipdip.web.training import services
from hipdip.web.training.charts import progress_chart
from hipdip.web.training.forms import ProgrammeForm
from hipdip.web.training.models import Programme, Status, WorkoutLog
from hipdip.web.training.selectors import (
    active_programme,
    clearance_for,
    logs_of,
    patient_timezone,
    programme_schedule,
    session_on,
    streak,
    today_for,
    weekly_volume,
)


def _actor(request: HttpRequest) -> Actor:
    return actor_from_request(request, channel="web")


def _is_own(actor: Actor, patient: Patient) -> bool:
    return actor.user is not None and patient.user_id == actor.user.pk


@login_required
@require_GET
def training(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = _actor(request)
    patient = get_for_actor(actor, Patient, patient_id, action="training.view")
    programme = active_programme(patient)
    course = course_of(patient)
    context: dict[str, Any] = {
        "patient": patient,
        "programme": programme,
        "course": course,
        "is_own": _is_own(actor, patient),
        "nutrition": care_training.NUTRITION_AFTER_SURGERY if course else care_training.NUTRITION,
        "past": Programme.objects.filter(patient=patient, status=Status.ENDED)[:5],
    }
    today = today_for(patient, programme)
    logs = list(logs_of(programme)) if programme else []
    weeks = weekly_volume(logs)
    context["chart"] = progress_chart(
        photos=measured_photos_of_patient(patient=patient), weeks=weeks, today=today
    )
    context["today"] = today
    if programme is not None:
        schedule = programme_schedule(programme)
        logged = {log.session_date: log for log in logs}
        context.update(
            schedule=schedule,
            streak=streak([s.on for s in schedule.sessions], set(logged), today),
            upcoming=[_session_row(s, logged, today) for s in schedule.sessions if s.on >= today][
                :4
            ],
            recent=[_session_row(s, logged, today) for s in schedule.sessions if s.on < today][-6:][
                ::-1
            ],
            this_week=weeks[-1] if weeks else None,
            total_sessions=len(schedule.sessions),
            last_session=schedule.sessions[-1].on if schedule.sessions else None,
        )
    return render(request, "training/training.html", context)


def _session_row(
    s: care_training.Session, logged: dict[dt.date, WorkoutLog], today: dt.date
) -> dict[str, Any]:
    names = [CATALOGUE[d.exercise].name for b in s.blocks for d in b.items]
    return {
        "session": s,
        "log": logged.get(s.on),
        "names": names,
        "is_today": s.on == today,
        "missed": s.on < today and s.on not in logged,
    }


@login_required
@require_http_methods(["GET", "POST"])
def programme_new(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = _actor(request)
    action = "training.view" if request.method == "GET" else None
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE, action=action)
    course = course_of(patient)
    clearance = clearance_for(patient)
    current = active_programme(patient)
    initial = {
        "goal": "maintain_after_surgery" if course else "reduce_look",
        "level": current.level if current else "beginner",
        "equipment": current.equipment if current else [],
        "start_date": today_for(patient),
        "timezone": patient_timezone(patient, current),
        "allow_high_impact": True,
    }
    form = ProgrammeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.programme_create(
                actor=actor,
                patient=patient,
                goal=d["goal"],
                level=d["level"],
                equipment=d["equipment"],
                days_per_week=d["days_per_week"],
                weeks=d["weeks"],
                start_date=d["start_date"],
                allow_high_impact=d["allow_high_impact"],
                timezone_name=None if course else (d.get("timezone") or None),
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Your programme is ready.")
            return redirect("training:training", patient_id=patient.pk)
    return render(
        request,
        "training/programme_form.html",
        {
            "form": form,
            "patient": patient,
            "course": course,
            "clearance": clearance,
            "current": current,
            "is_own": _is_own(actor, patient),
        },
    )


@login_required
@require_GET
def programme(request: HttpRequest, programme_id: str) -> HttpResponse:
    actor = _actor(request)
    prog = get_for_actor(actor, Programme, programme_id, action="programme.view")
    schedule = programme_schedule(prog)
    logged = {log.session_date: log for log in logs_of(prog)}
    today = today_for(prog.patient, prog)
    weeks: dict[int, list[dict[str, Any]]] = {}
    for s in schedule.sessions:
        weeks.setdefault(s.week, []).append(_session_row(s, logged, today))
    unscheduled = sorted(d for d in logged if session_on(schedule, d) is None)
    return render(
        request,
        "training/programme.html",
        {
            "programme": prog,
            "patient": prog.patient,
            "schedule": schedule,
            "weeks": sorted(weeks.items()),
            "unscheduled": [logged[d] for d in unscheduled],
            "today": today,
            "is_own": _is_own(actor, prog.patient),
        },
    )


@login_required
@require_POST
def programme_end(request: HttpRequest, programme_id: str) -> HttpResponse:
    actor = _actor(request)
    prog = get_for_actor(actor, Programme, programme_id, perm=Perm.CHANGE)
    try:
        services.programme_end(actor=actor, programme=prog)
    except DomainError as exc:
        messages.info(request, exc.message)
    else:
        messages.success(request, "Programme ended. Your logs are kept.")
    return redirect("training:training", patient_id=prog.patient_id)


# --- one session and its log --------------------------------------------------------------


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
        rows.append(Row(r.index, r.exercise, r.name, r.timed, r.planned, values))
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def session(request: HttpRequest, programme_id: str, on: str) -> HttpResponse:
    actor = _actor(request)
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
            "is_own": _is_own(actor, prog.patient),
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


def _form_error(form: Any, exc: DomainError) -> None:
    details = exc.details if isinstance(exc.details, dict) else {}
    placed = False
    for name, msgs in details.items():
        if name in form.fields:
            for msg in msgs:
                form.add_error(name, msg)
            placed = True
    if not placed:
        form.add_error(None, exc.message)
