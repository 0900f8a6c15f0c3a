"""Staff pages: the clinic's calendar (a day or a week, per staff member, in the clinic's
time zone) and each person's hours, days off and extra hours, plus the booking rules."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hipdip.web.access import require_clinic_admin, require_staff
from hipdip.web.accounts.actor import Actor, actor_from_request
from hipdip.web.accounts.models import Clinic, User
from hipdip.web.appointments import services
from hipdip.web.appointments.forms import (
    BookingRulesForm,
    ExceptionForm,
    TypeAddForm,
    TypeForm,
    WeeklyHoursForm,
)
from hipdip.web.appointments.models import (
    AppointmentType,
    AvailabilityException,
    BookingRules,
    WeeklyHours,
)
from hipdip.web.appointments.selectors import appointments_of_clinic, staff_of
from hipdip.web.appointments.slots import clinic_zone
from hipdip.web.appointments.views._common import render_in_clinic_zone, zone_label
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import DomainError
from hipdip.web.core.forms import form_add_domain_error


def _actor(request: HttpRequest) -> Actor:
    return actor_from_request(request, channel="web")


def _chosen_staff(request: HttpRequest, clinic: Clinic, default: User | None) -> User | None:
    raw = request.GET.get("staff", "")
    if not raw.isdigit():
        return default
    return staff_of(clinic).filter(pk=int(raw)).first() or default


@login_required
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    """The clinic's visits for a day or a week, one row per staff member."""
    actor = _actor(request)
    clinic = require_staff(actor)
    zone = clinic_zone(clinic)
    today = timezone.now().astimezone(zone).date()
    try:
        day = dt.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        day = today
    view = "day" if request.GET.get("view") == "day" else "week"
    first = day if view == "day" else day - dt.timedelta(days=day.weekday())
    n_days = 1 if view == "day" else 7
    days = [first + dt.timedelta(days=i) for i in range(n_days)]
    start = dt.datetime.combine(first, dt.time(0), tzinfo=zone)
    end = dt.datetime.combine(first + dt.timedelta(days=n_days), dt.time(0), tzinfo=zone)
    only = _chosen_staff(request, clinic, None)
    people = [only] if only is not None else list(staff_of(clinic))
    found = list(appointments_of_clinic(clinic, start=start, end=end, staff=only))
    audit_record(
        actor=actor,
        action="appointment.list",
        clinic=clinic,
        detail={"from": first.isoformat(), "days": n_days, "count": len(found)},
    )
    cells: dict[tuple[int, dt.date], list[dict[str, Any]]] = {}
    for a in found:
        local_start = a.start.astimezone(zone)
        cells.setdefault((a.staff_id, local_start.date()), []).append(
            {"a": a, "start": local_start, "end": a.end.astimezone(zone)}
        )
    busy_ids = {a.staff_id for a in found}
    with_hours = set(WeeklyHours.objects.filter(clinic=clinic).values_list("staff_id", flat=True))
    rows = [
        {"staff": u, "cells": [cells.get((u.pk, d), []) for d in days]}
        for u in people
        if only is not None or u.pk in busy_ids or u.pk in with_hours
    ]
    # The same visits as one time-ordered list per day, for narrow screens.
    names = {u.pk: u.full_name for u in people}
    agenda = [
        {
            "day": d,
            "visits": sorted(
                (
                    {**v, "staff_name": names.get(sid, "")}
                    for (sid, on), visits in cells.items()
                    if on == d
                    for v in visits
                ),
                key=lambda v: v["start"],
            ),
        }
        for d in days
    ]
    step = dt.timedelta(days=n_days)
    base = {"view": view, **({"staff": str(only.pk)} if only else {})}
    return render_in_clinic_zone(
        request,
        "appointments/calendar.html",
        {
            "view": view,
            "days": days,
            "rows": rows,
            "agenda": agenda,
            "today": today,
            "zone": zone_label(clinic),
            "staff_list": list(staff_of(clinic)),
            "only": only,
            "date": day,
            "prev_url": "?" + urlencode({**base, "date": (first - step).isoformat()}),
            "next_url": "?" + urlencode({**base, "date": (first + step).isoformat()}),
            "today_url": "?" + urlencode({**base, "date": today.isoformat()}),
            "other_view_url": "?"
            + urlencode(
                {**base, "view": "week" if view == "day" else "day", "date": day.isoformat()}
            ),
            "count": len(found),
        },
        clinic,
    )


@login_required
@require_http_methods(["GET", "POST"])
def hours(request: HttpRequest) -> HttpResponse:
    """A staff member's usual week and the changes to single days; the clinic's booking
    rules for its admins."""
    actor = _actor(request)
    clinic = require_staff(actor)
    assert actor.user is not None
    person = _chosen_staff(request, clinic, actor.user)
    assert person is not None
    weekly_form, exception_form = WeeklyHoursForm(prefix="w"), ExceptionForm(prefix="x")
    rules = BookingRules.objects.filter(clinic=clinic).first() or BookingRules(clinic=clinic)
    rules_form = BookingRulesForm(instance=rules, prefix="r")
    type_add_form = TypeAddForm(prefix="t")
    here = reverse("appointments:hours") + f"?staff={person.pk}"
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "weekly":
            weekly_form = WeeklyHoursForm(request.POST, prefix="w")
            if weekly_form.is_valid():
                try:
                    services.weekly_hours_add(actor=actor, staff=person, **weekly_form.cleaned_data)
                except DomainError as exc:
                    form_add_domain_error(weekly_form, exc)
                else:
                    messages.success(request, "Hours added.")
                    return redirect(here)
        elif which == "exception":
            exception_form = ExceptionForm(request.POST, prefix="x")
            if exception_form.is_valid():
                try:
                    services.availability_exception_add(
                        actor=actor, staff=person, **exception_form.cleaned_data
                    )
                except DomainError as exc:
                    form_add_domain_error(exception_form, exc)
                else:
                    messages.success(request, "Change saved.")
                    return redirect(here)
        elif which == "type_add":
            require_clinic_admin(actor)
            type_add_form = TypeAddForm(request.POST, prefix="t")
            if type_add_form.is_valid():
                data = type_add_form.cleaned_data
                try:
                    added = services.appointment_type_add(
                        actor=actor,
                        name=data["name"],
                        kind=data["kind"],
                        duration_minutes=data["duration_minutes"],
                        patient_bookable=data["booked_by"] == "patients",
                        followup_day=data["followup_day"],
                    )
                except DomainError as exc:
                    form_add_domain_error(type_add_form, exc)
                else:
                    messages.success(request, f"Added: {added.name}.")
                    return redirect(here + "#types-h")
        elif which == "type" and actor.user.is_clinic_admin:
            type_form = TypeForm(request.POST)
            raw_id = str(request.POST.get("type_id", ""))
            t = (
                AppointmentType.objects.filter(clinic=clinic, pk=int(raw_id)).first()
                if raw_id.isdigit()
                else None
            )
            if t is None or not type_form.is_valid():
                messages.error(request, "Give the length in minutes, between 5 and 720.")
            else:
                try:
                    services.appointment_type_update(
                        actor=actor,
                        appointment_type=t,
                        duration_minutes=type_form.cleaned_data["duration_minutes"],
                        patient_bookable=type_form.cleaned_data["patient_bookable"],
                        active=type_form.cleaned_data["active"],
                    )
                except DomainError as exc:
                    messages.error(request, exc.message)
                else:
                    messages.success(request, f"Saved: {t.name}.")
            return redirect(here + "#types-h")
        elif which == "rules" and actor.user.is_clinic_admin:
            rules_form = BookingRulesForm(request.POST, instance=rules, prefix="r")
            if rules_form.is_valid():
                saved = rules_form.save()
                audit_record(actor=actor, action="booking_rules.change", target=saved)
                messages.success(request, "Booking rules saved.")
                return redirect(here)
    today = timezone.now().astimezone(clinic_zone(clinic)).date()
    return render_in_clinic_zone(
        request,
        "appointments/hours.html",
        {
            "person": person,
            "staff_list": list(staff_of(clinic)),
            "weekly": WeeklyHours.objects.filter(staff=person),
            "changes": AvailabilityException.objects.filter(staff=person, date__gte=today),
            "weekly_form": weekly_form,
            "exception_form": exception_form,
            "rules_form": rules_form if actor.user.is_clinic_admin else None,
            "type_add_form": type_add_form if actor.user.is_clinic_admin else None,
            "types": AppointmentType.objects.filter(clinic=clinic).order_by(
                "-active", "kind", "followup_day", "name"
            )
            if actor.user.is_clinic_admin
            else [],
            "zone": zone_label(clinic),
        },
        clinic,
    )


@login_required
@require_POST
def hours_remove(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    actor = _actor(request)
    clinic = require_staff(actor)
    if kind == "weekly":
        block = WeeklyHours.objects.filter(clinic=clinic, pk=pk).select_related("staff").first()
        if block is None:
            raise Http404
        staff_id = block.staff_id
        try:
            services.weekly_hours_remove(actor=actor, block=block)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(reverse("appointments:hours") + f"?staff={staff_id}")
    elif kind == "exception":
        change = (
            AvailabilityException.objects.filter(clinic=clinic, pk=pk)
            .select_related("staff")
            .first()
        )
        if change is None:
            raise Http404
        staff_id = change.staff_id
        try:
            services.availability_exception_remove(actor=actor, change=change)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(reverse("appointments:hours") + f"?staff={staff_id}")
    else:
        raise Http404
    messages.success(request, "Removed.")
    return redirect(reverse("appointments:hours") + f"?staff={staff_id}")
