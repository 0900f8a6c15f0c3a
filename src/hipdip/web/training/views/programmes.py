"""The patient's training page (schedule, streaks, progress, nutrition), the programme
form and the full schedule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hipdip.care import training as care_training
from hipdip.care.exercises import CATALOGUE
from hipdip.web.access import Perm, get_for_actor
from hipdip.web.assessments.selectors.sessions import measured_photos_of_patient
from hipdip.web.core.errors import DomainError
from hipdip.web.core.forms import form_add_domain_error
from hipdip.web.patients.models import Patient
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
from hipdip.web.training.views._common import is_own, web_actor


@login_required
@require_GET
def training(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = web_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, action="training.view")
    programme = active_programme(patient)
    course = course_of(patient)
    context: dict[str, Any] = {
        "patient": patient,
        "programme": programme,
        "course": course,
        "is_own": is_own(actor, patient),
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
    actor = web_actor(request)
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
            form_add_domain_error(form, exc)
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
            "is_own": is_own(actor, patient),
        },
    )


@login_required
@require_GET
def programme(request: HttpRequest, programme_id: str) -> HttpResponse:
    actor = web_actor(request)
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
            "is_own": is_own(actor, prog.patient),
        },
    )


@login_required
@require_POST
def programme_end(request: HttpRequest, programme_id: str) -> HttpResponse:
    actor = web_actor(request)
    prog = get_for_actor(actor, Programme, programme_id, perm=Perm.CHANGE)
    try:
        services.programme_end(actor=actor, programme=prog)
    except DomainError as exc:
        messages.info(request, exc.message)
    else:
        messages.success(request, "Programme ended. Your logs are kept.")
    return redirect("training:training", patient_id=prog.patient_id)
