"""The clinic's pages: its clinical settings (every staff member), its audit log
(filterable, paginated, exportable as CSV; its admins only) and its public profile (its
admins only)."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hipdip.web.access import require_clinic_admin, require_staff
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.audit.models import Outcome
from hipdip.web.audit.selectors import AuditFilter, audit_action_names, audit_events_for_clinic
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.care import timezone_choices
from hipdip.web.clinic.forms import ClinicalSettingsForm, ClinicProfileForm, ClinicSetupForm
from hipdip.web.clinic.models import SurgeonBio
from hipdip.web.clinic.presenters import settings_groups, version_rows
from hipdip.web.clinic.selectors import (
    clinic_profile_for,
    default_timezone_for,
    overrides_for,
    settings_version_number,
    settings_versions_for,
)
from hipdip.web.clinic.services import clinic_profile_save
from hipdip.web.clinic.setting_changes import (
    clinical_setting_reset as clinical_setting_reset_service,
)
from hipdip.web.clinic.setting_changes import (
    clinical_settings_restore as clinical_settings_restore_service,
)
from hipdip.web.clinic.setting_changes import clinical_settings_save
from hipdip.web.clinic.setting_changes import (
    clinical_settings_undo as clinical_settings_undo_service,
)
from hipdip.web.clinic.setting_values import current_values
from hipdip.web.clinic.setup import ClinicDetails, clinic_details_save, clinic_needs_setup
from hipdip.web.core.errors import DomainError
from hipdip.web.core.forms import form_add_domain_error


@login_required
@require_http_methods(["GET", "POST"])
def clinical_settings(request: HttpRequest) -> HttpResponse:
    """Every clinical number the clinic works with: value, default, unit, range and
    source. Staff read it; its admins change it here (saved as a new version)."""
    actor = actor_from_request(request, channel="web")
    clinic = require_staff(actor)
    is_admin = bool(actor.user and actor.user.is_clinic_admin)
    if request.method == "POST":
        clinic = require_clinic_admin(actor)
    overrides = overrides_for(clinic)
    version = settings_version_number(clinic)
    form = None
    status = 200
    if is_admin:
        form = ClinicalSettingsForm(
            request.POST or None,
            values=current_values(overrides),
            initial={"base_version": version},
        )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            saved = clinical_settings_save(
                actor=actor, values=form.values(), base_version=form.cleaned_data["base_version"]
            )
        except DomainError as exc:
            if exc.code == "stale_version":
                messages.error(request, exc.message)
                return redirect("clinic:clinical_settings")
            if exc.code == "unchanged":
                messages.info(request, exc.message)
                return redirect("clinic:clinical_settings")
            form_add_domain_error(form, exc)
            status = exc.status_code if exc.status_code != 400 else 422
        else:
            n = len(saved.changes)
            messages.success(
                request, f"Saved: {n} setting{'s' if n != 1 else ''} changed. You can undo this."
            )
            return redirect("clinic:clinical_settings")
    elif request.method == "POST":
        status = 422
    if request.method == "GET":
        audit_record(actor=actor, action="clinic_settings.view", clinic=clinic)
    return render(
        request,
        "clinic/clinical_settings.html",
        {
            "clinic": clinic,
            "groups": settings_groups(overrides, form),
            "form": form,
            "version": version,
            "is_admin": is_admin,
            "needs_setup": is_admin and clinic_needs_setup(clinic),
        },
        status=status,
    )


@login_required
@require_POST
def clinical_setting_reset(request: HttpRequest, key: str) -> HttpResponse:
    """Put one setting back to its default."""
    actor = actor_from_request(request, channel="web")
    require_clinic_admin(actor)
    return _history_step(
        request,
        lambda base: clinical_setting_reset_service(actor=actor, key=key, base_version=base),
        "Set back to the default. You can undo this.",
    )


@login_required
@require_POST
def clinical_settings_undo(request: HttpRequest) -> HttpResponse:
    """Undo the last change (kept as a new version, so it can be redone by restoring)."""
    actor = actor_from_request(request, channel="web")
    require_clinic_admin(actor)
    return _history_step(
        request,
        lambda base: clinical_settings_undo_service(actor=actor, base_version=base),
        "The last change is undone.",
    )


@login_required
@require_POST
def clinical_settings_restore(request: HttpRequest, number: int) -> HttpResponse:
    """Make an earlier version the current one."""
    actor = actor_from_request(request, channel="web")
    require_clinic_admin(actor)
    return _history_step(
        request,
        lambda base: clinical_settings_restore_service(
            actor=actor, number=number, base_version=base
        ),
        f"Version {number} is in use again.",
    )


def _history_step(request: HttpRequest, step: Any, done: str) -> HttpResponse:
    raw = request.POST.get("base_version", "")
    base = int(raw) if raw.isdigit() else None
    try:
        step(base)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    target = request.POST.get("next")
    if target == "history":
        return redirect("clinic:clinical_settings_history")
    return redirect("clinic:clinical_settings")


@login_required
@require_GET
def clinical_settings_history(request: HttpRequest) -> HttpResponse:
    """Every saved version of the settings, what changed in it, and who saved it."""
    actor = actor_from_request(request, channel="web")
    clinic = require_clinic_admin(actor)
    audit_record(actor=actor, action="clinic_settings.history_view", clinic=clinic)
    return render(
        request,
        "clinic/clinical_settings_history.html",
        {
            "clinic": clinic,
            "rows": version_rows(settings_versions_for(clinic)),
            "version": settings_version_number(clinic),
        },
    )


PAGE_SIZE = 50
CSV_LIMIT = 50_000


class AuditFilterForm(forms.Form):
    actor = forms.CharField(required=False, max_length=254, label="Person")
    patient = forms.CharField(required=False, max_length=254, label="Patient")
    action = forms.ChoiceField(required=False, label="Action")
    outcome = forms.ChoiceField(
        required=False, choices=[("", "Any outcome"), *Outcome.choices], label="Outcome"
    )
    date_from = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    clinic = require_clinic_admin(actor)
    form = AuditFilterForm(request.GET or None)
    action_field = form.fields["action"]
    assert isinstance(action_field, forms.ChoiceField)
    action_field.choices = [("", "Any action")] + [
        (a, a) for a in audit_action_names(clinic=clinic)
    ]
    filters = AuditFilter(**form.cleaned_data) if form.is_valid() else AuditFilter()
    events = audit_events_for_clinic(clinic=clinic, filters=filters)
    if request.GET.get("format") == "csv":
        audit_record(actor=actor, action="audit.export", clinic=clinic)
        return _csv(events[:CSV_LIMIT], clinic.slug)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "clinic/audit_log.html",
        {"form": form, "page": page, "clinic": clinic, "query": query.urlencode()},
    )


def _csv(events: object, slug: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-{slug}-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    writer.writerow(
        [
            "time_utc",
            "actor",
            "role",
            "action",
            "outcome",
            "patient",
            "object_type",
            "object_id",
            "channel",
            "ip",
        ]
    )
    for e in events:  # type: ignore[attr-defined]
        writer.writerow(
            [
                e.at.astimezone(dt.UTC).isoformat(timespec="seconds"),
                _safe(e.actor_email),
                e.actor_role,
                e.action,
                e.outcome,
                _safe(e.patient.user.email) if e.patient else "",
                e.object_type,
                e.object_id,
                e.channel,
                e.ip or "",
            ]
        )
    return response


def _safe(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """The clinic's time zone and details: asked once at set-up, changeable later."""
    actor = actor_from_request(request, channel="web")
    clinic = require_clinic_admin(actor)
    first_time = clinic_needs_setup(clinic)
    current = clinic_profile_for(clinic).profile
    initial = {
        "timezone": "" if first_time else default_timezone_for(clinic),
        "public_name": current.name,
        "phone": current.phone,
        "emergency_phone": current.emergency_phone,
        "address": current.address,
    }
    form = ClinicSetupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            clinic_details_save(
                actor=actor, clinic=clinic, details=ClinicDetails(**form.cleaned_data)
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, "The clinic's time zone and details are saved.")
            return redirect("clinic:setup")
    return render(
        request,
        "clinic/setup.html",
        {"form": form, "clinic": clinic, "first_time": first_time, "zones": timezone_choices()},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """The clinic's public profile and surgeons' bios (its admins only)."""
    actor = actor_from_request(request, channel="web")
    clinic = require_clinic_admin(actor)
    current = clinic_profile_for(clinic).profile
    surgeons = list(clinic.members.filter(role="surgeon", is_active=True).order_by("full_name"))
    bios = {b.surgeon_id: b for b in SurgeonBio.objects.filter(clinic=clinic)}
    initial: dict[str, str] = {
        "public_name": current.public_name,
        "address": current.address,
        "phone": current.phone,
        "emergency_phone": current.emergency_phone,
        "opening_hours": current.opening_hours,
    }
    for s in surgeons:
        if s.pk in bios:
            initial[f"title_{s.pk}"] = bios[s.pk].title
            initial[f"bio_{s.pk}"] = bios[s.pk].bio
    form = ClinicProfileForm(request.POST or None, initial=initial, surgeons=surgeons)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            clinic_profile_save(
                actor=actor,
                public_name=d["public_name"],
                address=d["address"],
                phone=d["phone"],
                emergency_phone=d["emergency_phone"],
                opening_hours=d["opening_hours"],
                bios=form.bios(),
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, "Clinic profile saved.")
            return redirect("clinic:profile")
    return render(request, "clinic/profile.html", {"form": form, "clinic": clinic})
