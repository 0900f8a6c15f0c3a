"""Recovery pages: the patient's recovery (today, timeline, check-ins, calendar), the
check-in form and its answer, and the staff's check-in dashboard. Thin: the services and
selectors do the work; `hipdip.web.access` decides who sees what."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hipdip.web.access import Perm, get_for_actor, require_staff
from hipdip.web.accounts.models import Role
from hipdip.web.audit.services import audit_record
from hipdip.web.core.actor import Actor, actor_from_request
from hipdip.web.core.errors import DomainError
from hipdip.web.patients.models import Patient
from hipdip.web.recovery import services
from hipdip.web.recovery.forms import (
    AcknowledgeForm,
    CheckInForm,
    ClearanceForm,
    CourseForm,
    TimezoneForm,
    symptom_groups,
)
from hipdip.web.recovery.models import CalendarFeed, CheckIn, Level
from hipdip.web.recovery.selectors import (
    care_settings_for,
    checkins_of,
    course_of,
    course_overview,
    dashboard_checkins,
    default_timezone_for,
)

DASHBOARD_PAGE = 30


def _actor(request: HttpRequest) -> Actor:
    return actor_from_request(request, channel="web")


def _is_own(actor: Actor, patient: Patient) -> bool:
    return actor.user is not None and patient.user_id == actor.user.pk


@login_required
@require_GET
def recovery(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = _actor(request)
    patient = get_for_actor(actor, Patient, patient_id, action="recovery.view")
    course = course_of(patient)
    user = actor.user
    is_staff = bool(user and user.is_clinic_staff)
    context: dict[str, Any] = {
        "patient": patient,
        "course": course,
        "is_own": _is_own(actor, patient),
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
    overview = course_overview(course)
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
    actor = _actor(request)
    patient = get_for_actor(
        actor, Patient, patient_id, perm=Perm.CHANGE, action=_read_action(request, "recovery.view")
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
            _form_error(form, exc)
        else:
            messages.success(request, "Recovery course saved.")
            return redirect("recovery:recovery", patient_id=patient.pk)
    return render(
        request, "recovery/course_form.html", {"form": form, "patient": patient, "course": course}
    )


@login_required
@require_POST
def clearance(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = _actor(request)
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
    actor = _actor(request)
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


@login_required
@require_http_methods(["GET", "POST"])
def checkin_new(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = _actor(request)
    patient = get_for_actor(
        actor, Patient, patient_id, perm=Perm.CHANGE, action=_read_action(request, "recovery.view")
    )
    course = course_of(patient)
    if course is None:
        messages.info(request, "Check-ins start once the clinic has recorded the procedure.")
        return redirect("recovery:recovery", patient_id=patient.pk)
    overview = course_overview(course)
    form = CheckInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.checkin_submit(
                actor=actor, course=course, data=services.CheckInInput(**form.service_data())
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            if not result.created:
                messages.info(request, "You had just sent this same check-in; it is saved once.")
            return redirect("recovery:checkin", checkin_id=result.checkin.pk)
    context = {
        "form": form,
        "patient": patient,
        "course": course,
        "overview": overview,
        "groups": symptom_groups(care_settings_for(patient.clinic)),
        "is_own": _is_own(actor, patient),
        "chosen_symptoms": set(form["symptoms"].value() or []),
    }
    return render(request, "recovery/checkin_form.html", context)


@login_required
@require_GET
def checkin_detail(request: HttpRequest, checkin_id: str) -> HttpResponse:
    actor = _actor(request)
    checkin = get_for_actor(actor, CheckIn, checkin_id, action="checkin.view")
    user = actor.user
    return render(
        request,
        "recovery/checkin_detail.html",
        {
            "checkin": checkin,
            "patient": checkin.course.patient,
            "course": checkin.course,
            "is_own": _is_own(actor, checkin.course.patient),
            "is_staff": bool(user and user.is_clinic_staff),
            "ack_form": AcknowledgeForm(),
        },
    )


@login_required
@require_POST
def checkin_acknowledge(request: HttpRequest, checkin_id: str) -> HttpResponse:
    actor = _actor(request)
    checkin = get_for_actor(actor, CheckIn, checkin_id, perm=Perm.CHANGE)
    require_staff(actor)
    form = AcknowledgeForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.checkin_acknowledge(actor=actor, checkin=checkin, note=note)
    except DomainError as exc:
        messages.info(request, exc.message)
    else:
        messages.success(request, "Acknowledged.")
    target = request.POST.get("next", "")
    if target == "dashboard":
        return redirect("recovery:dashboard")
    return redirect("recovery:checkin", checkin_id=checkin.pk)


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    clinic = require_staff(actor)
    show = request.GET.get("show", "open")
    if show not in ("open", "alerts", "all"):
        show = "open"
    qs = dashboard_checkins(clinic=clinic, show=show)
    page = Paginator(qs, DASHBOARD_PAGE).get_page(request.GET.get("page"))
    audit_record(actor=actor, action="checkin.dashboard", clinic=clinic, detail={"show": show})
    counts = {
        "open": dashboard_checkins(clinic=clinic, show="open").count(),
        "open_alerts": dashboard_checkins(clinic=clinic, show="open")
        .exclude(level=Level.ROUTINE)
        .count(),
    }
    return render(
        request,
        "recovery/dashboard.html",
        {"page": page, "show": show, "counts": counts, "clinic": clinic},
    )


# --- calendar ----------------------------------------------------------------------------


def _ics_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store, max-age=0"
    return response


@login_required
@require_GET
def calendar_download(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = _actor(request)
    patient = get_for_actor(actor, Patient, patient_id, action="calendar.download")
    return _ics_response(services.calendar_ics(patient=patient), "hipdip-recovery.ics")


@login_required
@require_POST
def calendar_link(request: HttpRequest, patient_id: str) -> HttpResponse:
    """Create (or replace) the private subscription address; shown on this page once."""
    actor = _actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    if not _is_own(actor, patient):
        raise PermissionDenied("Only the patient can create their private calendar address.")
    token = services.calendar_feed_create(actor=actor, patient=patient)
    url = request.build_absolute_uri(reverse("recovery:calendar_feed", kwargs={"token": token}))
    webcal = "webcal://" + url.split("://", 1)[1]
    return render(
        request, "recovery/calendar_link.html", {"patient": patient, "url": url, "webcal": webcal}
    )


@login_required
@require_POST
def calendar_revoke(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = _actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    if services.calendar_feed_revoke(actor=actor, patient=patient):
        messages.success(request, "The private calendar address no longer works.")
    return redirect(reverse("recovery:recovery", kwargs={"patient_id": patient.pk}) + "#calendar")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private subscription address: the token is the only credential (calendar apps
    cannot sign in), so an unknown or revoked token is simply not found."""
    patient = services.calendar_feed_patient(token)
    if patient is None:
        raise Http404
    audit_record(
        actor=actor_from_request(request, channel="web"),
        action="calendar.subscription",
        patient=patient,
        target=patient,
    )
    return _ics_response(services.calendar_ics(patient=patient), "hipdip.ics")


def _read_action(request: HttpRequest, action: str) -> str | None:
    """Audit a form page when it is shown (a read); a submission audits its change."""
    return action if request.method == "GET" else None


def _form_error(form: Any, exc: DomainError) -> None:
    details = exc.details if isinstance(exc.details, dict) else {}
    placed = False
    for field, msgs in details.items():
        if field in form.fields:
            for msg in msgs:
                form.add_error(field, msg)
            placed = True
    if not placed:
        form.add_error(None, exc.message)
