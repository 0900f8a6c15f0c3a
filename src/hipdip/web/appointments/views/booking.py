"""Booking a visit (patients for themselves, staff for a patient), moving and cancelling
it, a patient's list of visits, and one visit as a calendar file."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from hipdip.web.access import Perm, get_for_actor, patients_visible_to
from hipdip.web.accounts.actor import Actor, actor_from_request
from hipdip.web.appointments import services
from hipdip.web.appointments.ics import appointment_ics as appointment_ics_bytes
from hipdip.web.appointments.lookup import (
    Booker,
    booker_of,
    patient_for,
    slots_for,
    staff_for,
    type_for,
)
from hipdip.web.appointments.models import Appointment, AppointmentType, Kind
from hipdip.web.appointments.selectors import (
    appointments_of_patient,
    notice_hours_for,
    types_of,
)
from hipdip.web.appointments.slots import Slot, clinic_zone
from hipdip.web.appointments.views._common import render_in_clinic_zone, zone_label
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import DomainError
from hipdip.web.patients.models import Patient
from hipdip.web.recovery.selectors import course_of

#: Days of free slots one page shows.
DAYS_PER_PAGE = 7


def web_actor(request: HttpRequest) -> Actor:
    return actor_from_request(request, channel="web")


def _week_start(request: HttpRequest, booker: Booker, default: dt.date | None) -> dt.date:
    today = timezone.now().astimezone(clinic_zone(booker.clinic)).date()
    try:
        asked = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        asked = default or today
    return max(asked, today)


def _slot_days(
    booker: Booker, first: dt.date, slots: list[Slot], *, moving: Appointment | None = None
) -> list[dict[str, Any]]:
    """Free slots day by day; when moving a visit, its own time is marked ``current``."""
    zone = clinic_zone(booker.clinic)
    days: list[dict[str, Any]] = [
        {"date": first + dt.timedelta(days=i), "slots": []} for i in range(DAYS_PER_PAGE)
    ]
    for s in slots:
        local_start = s.start.astimezone(zone)
        index = (local_start.date() - first).days
        if 0 <= index < DAYS_PER_PAGE:
            days[index]["slots"].append(
                {
                    "start": local_start,
                    "iso": local_start.isoformat(),
                    "slot": s,
                    "current": moving is not None
                    and s.start == moving.start
                    and s.staff_id == moving.staff_id,
                }
            )
    return days


def _parse_start(value: str) -> dt.datetime:
    try:
        start = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise DomainError("Pick one of the free times.", code="bad_time") from exc
    if start.tzinfo is None:
        raise DomainError("Pick one of the free times.", code="bad_time")
    return start


def _picker_context(
    request: HttpRequest,
    booker: Booker,
    appointment_type: AppointmentType | None,
    *,
    patient: Patient | None,
    moving: Appointment | None = None,
    default_week: dt.date | None = None,
) -> dict[str, Any]:
    first = _week_start(request, booker, default_week)
    days: list[dict[str, Any]] = []
    if appointment_type is not None and (patient is not None or not booker.is_staff):
        last = first + dt.timedelta(days=DAYS_PER_PAGE - 1)
        # A patient moves a visit to another time with the same person (only staff
        # change who sees them), so only that person's free times are offered.
        keep_staff = moving.staff if moving is not None and not booker.is_staff else None
        slots = slots_for(
            booker,
            appointment_type,
            first,
            last,
            staff=keep_staff,
            patient=patient,
            moving=moving,
        )
        days = _slot_days(booker, first, slots, moving=moving)
    params = {k: v for k, v in request.GET.items() if k != "week"}
    today = timezone.now().astimezone(clinic_zone(booker.clinic)).date()
    prev_week = first - dt.timedelta(days=DAYS_PER_PAGE)
    return {
        "booker": booker,
        "type": appointment_type,
        "days": days,
        "has_slots": any(d["slots"] for d in days),
        "first": first,
        "last": first + dt.timedelta(days=DAYS_PER_PAGE - 1),
        "prev_url": "?" + urlencode({**params, "week": prev_week.isoformat()})
        if first > today
        else "",
        "next_url": "?"
        + urlencode({**params, "week": (first + dt.timedelta(days=DAYS_PER_PAGE)).isoformat()}),
        "notice_hours": notice_hours_for(booker.clinic),
        "zone": zone_label(booker.clinic),
    }


@login_required
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest) -> HttpResponse:
    """Pick a kind of visit, see the free times day by day, book one."""
    actor = web_actor(request)
    try:
        booker = booker_of(actor)
    except DomainError as exc:
        return render(request, "appointments/no_clinic.html", {"message": exc.message})
    if request.method == "POST":
        return _book_post(request, actor, booker)
    types = list(types_of(booker.clinic, patient_bookable=None if booker.is_staff else True))
    course = course_of(booker.patient) if booker.patient is not None else None
    if not booker.is_staff and course is None:
        # Follow-ups belong to a recovery: offered once the procedure date is known.
        types = [t for t in types if t.kind != Kind.FOLLOWUP]
    key = request.GET.get("type") or (types[0].key if len(types) == 1 else "")
    chosen, patient = None, None
    try:
        chosen = type_for(booker, key) if key else None
        if booker.is_staff and request.GET.get("patient"):
            patient = patient_for(actor, booker, request.GET["patient"])
            audit_record(
                actor=actor, action="appointment.book_form", patient=patient, target=patient
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    default_week = None
    if (
        chosen is not None
        and course is not None
        and chosen.followup_day is not None
        and "week" not in request.GET
    ):
        # Start at the day of recovery the follow-up belongs to.
        due = course.procedure_date + dt.timedelta(days=chosen.followup_day)
        default_week = due - dt.timedelta(days=1)
    context = _picker_context(request, booker, chosen, patient=patient, default_week=default_week)
    context.update(
        {
            "mode": "book",
            "types": types,
            "patient": patient,
            "patients": list(patients_visible_to(actor.user)) if booker.is_staff else [],
        }
    )
    return render_in_clinic_zone(request, "appointments/book.html", context, booker.clinic)


def _book_post(request: HttpRequest, actor: Actor, booker: Booker) -> HttpResponse:
    back = (
        reverse("appointments:book")
        + "?"
        + urlencode(
            {k: request.POST.get(k, "") for k in ("type", "patient", "week") if request.POST.get(k)}
        )
    )
    try:
        staff = staff_for(booker, int(request.POST.get("staff_id") or 0) or None)
        if staff is None:
            raise DomainError("Pick one of the free times.", code="bad_time")
        appt = services.appointment_book(
            actor=actor,
            patient=patient_for(actor, booker, request.POST.get("patient")),
            appointment_type=type_for(booker, request.POST.get("type", "")),
            staff=staff,
            start=_parse_start(request.POST.get("start", "")),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    when = appt.start.astimezone(clinic_zone(appt.clinic))
    messages.success(
        request,
        f"Booked: {appt.type.name} on {when:%A %-d %B at %H:%M} with {appt.staff.full_name}.",
    )
    if booker.is_staff:
        return redirect(
            reverse("appointments:calendar") + f"?date={when.date().isoformat()}&view=day"
        )
    return redirect("appointments:mine")


@login_required
@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, appointment_id: str) -> HttpResponse:
    """Pick a new time for a visit (staff see every staff member's free times)."""
    actor = web_actor(request)
    read = "appointment.view" if request.method == "GET" else None
    appt = get_for_actor(actor, Appointment, appointment_id, perm=Perm.CHANGE, action=read)
    booker = booker_of(actor)
    if request.method == "POST":
        try:
            staff = (
                staff_for(booker, int(request.POST.get("staff_id") or 0) or None)
                if booker.is_staff
                else None
            )
            start = _parse_start(request.POST.get("start", ""))
            if start == appt.start and (staff is None or staff.pk == appt.staff_id):
                messages.info(request, "That is the visit's current time, so nothing changed.")
                return redirect(request.get_full_path())
            appt = services.appointment_move(
                actor=actor, appointment=appt, start=start, staff=staff
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(request.get_full_path())
        when = appt.start.astimezone(clinic_zone(appt.clinic))
        messages.success(request, f"Moved: {appt.type.name} is now on {when:%A %-d %B at %H:%M}.")
        if booker.is_staff:
            return redirect(
                reverse("appointments:calendar") + f"?date={when.date().isoformat()}&view=day"
            )
        return redirect("appointments:mine")
    context = _picker_context(request, booker, appt.type, patient=appt.patient, moving=appt)
    context.update({"mode": "move", "appointment": appt, "patient": appt.patient})
    return render_in_clinic_zone(request, "appointments/book.html", context, booker.clinic)


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, appointment_id: str) -> HttpResponse:
    """Ask before cancelling; the visit is cancelled on the confirming POST."""
    actor = web_actor(request)
    read = "appointment.view" if request.method == "GET" else None
    appt = get_for_actor(actor, Appointment, appointment_id, perm=Perm.CHANGE, action=read)
    booker = booker_of(actor)
    if request.method == "POST":
        try:
            services.appointment_cancel(actor=actor, appointment=appt)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Cancelled: {appt.type.name}.")
        return redirect("appointments:calendar" if booker.is_staff else "appointments:mine")
    return render_in_clinic_zone(
        request,
        "appointments/cancel.html",
        {"appointment": appt, "start": appt.start.astimezone(clinic_zone(appt.clinic))},
        appt.clinic,
    )


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """A patient's upcoming visits, with move, cancel and add-to-calendar."""
    actor = web_actor(request)
    try:
        booker = booker_of(actor)
    except DomainError as exc:
        return render(request, "appointments/no_clinic.html", {"message": exc.message})
    if booker.is_staff:
        return redirect("appointments:calendar")
    patient = booker.patient
    assert patient is not None
    audit_record(actor=actor, action="appointment.list", patient=patient, target=patient)
    zone = clinic_zone(booker.clinic)
    notice = dt.timedelta(hours=notice_hours_for(booker.clinic))
    now = timezone.now()
    rows = [
        {
            "a": a,
            "start": a.start.astimezone(zone),
            "end": a.end.astimezone(zone),
            "can_change": a.type.patient_bookable and a.start >= now + notice,
            "clinic_books": not a.type.patient_bookable,
        }
        for a in appointments_of_patient(patient)
    ]
    return render_in_clinic_zone(
        request,
        "appointments/mine.html",
        {"rows": rows, "patient": patient, "notice_hours": notice.total_seconds() // 3600},
        booker.clinic,
    )


@login_required
@require_GET
def appointment_ics(request: HttpRequest, appointment_id: str) -> HttpResponse:
    appt = get_for_actor(
        web_actor(request), Appointment, appointment_id, action="appointment.download"
    )
    response = HttpResponse(
        appointment_ics_bytes(appt), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="hipdip-visit-{appt.pk}.ics"'
    response["Cache-Control"] = "private, no-store, max-age=0"
    return response
