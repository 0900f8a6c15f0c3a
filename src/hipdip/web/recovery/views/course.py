"""The recovery page of a patient, and the course, clearance and time zone behind it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hipdip.web.access import Perm, get_for_actor, require_staff
from hipdip.web.accounts.models import Role
from hipdip.web.clinic.selectors import default_timezone_for
from hipdip.web.core.errors import DomainError
from hipdip.web.core.forms import form_add_domain_error
from hipdip.web.patients.models import Patient
from hipdip.web.recovery import services
from hipdip.web.recovery.forms import (
    ClearanceForm,
    CourseForm,
    TimezoneForm,
)
from hipdip.web.recovery.models import CalendarFeed, CheckIn
from hipdip.web.recovery.selectors import checkins_of, course_of, course_overview, visit_bookings
from hipdip.web.recovery.views._common import is_own, read_action, web_actor


@login_required
@require_GET
def recovery(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = web_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, action="recovery.view")
    course = course_of(patient)
    user = actor.user
    is_staff = bool(user and user.is_clinic_staff)
    context: dict[str, Any] = {
        "patient": patient,
        "course": course,
        "is_own": is_own(actor, patient),
        "is_staff": is_staff,
        "is_surgeon": bool(user and user.role == Role.SURGEON),
        "feed": CalendarFeed.objects.filter(patient=patient).first(),
    }
    if course is None:
        if is_staff:
            context["course_form"] = CourseForm(
                initial={"timezone": default_timezone_for(patient.clinic)}
            )
        return render(request, "recovery/no_course.html", context)
    overview = course_overview(course, bookings=visit_bookings(patient))
    checkins = list(checkins_of(course)[:30])
    latest_today = next((c for c in checkins if c.local_date == overview.today), None)
    context.update(
        overview=overview,
        checkins=checkins,
        latest_today=latest_today,
        pain_chart=_pain_chart(checkins, overview.day),
        timezone_form=TimezoneForm(initial={"timezone": course.timezone}),
        clearance_form=ClearanceForm(initial=_clearance_initial(course)),
        course_form=CourseForm(
            initial={"procedure_date": course.procedure_date, "timezone": course.timezone}
        ),
    )
    return render(request, "recovery/recovery.html", context)


def _clearance_initial(course: Any) -> dict[str, Any]:
    if course.training_hold:
        return {"decision": "hold", "cleared_on": course.training_cleared_on}
    if course.training_cleared_on:
        return {"decision": "cleared", "cleared_on": course.training_cleared_on}
    return {"decision": "not_yet"}


def _pain_chart(checkins: list[CheckIn], today_day: int) -> dict[str, Any] | None:
    """Last pain score of each day over the last two weeks, as bar geometry."""
    by_day: dict[int, CheckIn] = {}
    for checkin in sorted(checkins, key=lambda c: c.submitted_at):
        by_day[checkin.day] = checkin
    if not by_day:
        return None
    last = max(today_day, max(by_day))
    first = max(0, last - 13)
    w, h, gap = 300, 90, 4
    bw = (w - gap * 13) / 14
    bars = []
    for i, day in enumerate(range(first, last + 1)):
        c: CheckIn | None = by_day.get(day)
        height = 0.0 if c is None else max(c.pain / 10 * (h - 18), 3.0)
        bars.append(
            {
                "x": i * (bw + gap),
                "y": h - 14 - height,
                "w": bw,
                "h": height,
                "day": day,
                "checkin": c,
                "label_x": i * (bw + gap) + bw / 2,
            }
        )
    return {"bars": bars, "width": w, "height": h, "base": h - 14}


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = web_actor(request)
    patient = get_for_actor(
        actor, Patient, patient_id, perm=Perm.CHANGE, action=read_action(request, "recovery.view")
    )
    require_staff(actor)
    course = course_of(patient)
    initial = (
        {"procedure_date": course.procedure_date, "timezone": course.timezone}
        if course
        else {"timezone": default_timezone_for(patient.clinic)}
    )
    form = CourseForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.recovery_course_save(
                actor=actor,
                patient=patient,
                procedure_date=form.cleaned_data["procedure_date"],
                timezone_name=form.cleaned_data["timezone"],
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, "Recovery course saved.")
            return redirect("recovery:recovery", patient_id=patient.pk)
    return render(
        request, "recovery/course_form.html", {"form": form, "patient": patient, "course": course}
    )


@login_required
@require_POST
def clearance(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = web_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    course = course_of(patient)
    if course is None:
        raise Http404
    if actor.user is None or actor.user.role != Role.SURGEON:
        raise PermissionDenied("Only the surgeon can hold or clear training.")
    form = ClearanceForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect("recovery:recovery", patient_id=patient.pk)
    decision = form.cleaned_data["decision"]
    try:
        services.training_clearance_set(
            actor=actor,
            course=course,
            hold=decision == "hold",
            cleared_on=form.cleaned_data.get("cleared_on") if decision != "not_yet" else None,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Training decision saved.")
    return redirect(reverse("recovery:recovery", kwargs={"patient_id": patient.pk}) + "#training")


@login_required
@require_POST
def timezone_set(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = web_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    course = course_of(patient)
    if course is None:
        raise Http404
    form = TimezoneForm(request.POST)
    if form.is_valid():
        services.course_timezone_set(
            actor=actor, course=course, timezone_name=form.cleaned_data["timezone"]
        )
        messages.success(request, f"Time zone set to {form.cleaned_data['timezone']}.")
    else:
        messages.error(request, "Choose a time zone from the list.")
    return redirect("recovery:recovery", patient_id=patient.pk)
