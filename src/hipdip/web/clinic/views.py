"""The clinic's pages: its clinical settings (every staff member), its audit log
(filterable, paginated, exportable as CSV; its admins only) and its public profile (its
admins only)."""

from __future__ import annotations

import csv
import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hipdip.web.access import require_clinic_admin, require_staff
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.audit.models import Outcome
from hipdip.web.audit.selectors import AuditFilter, audit_action_names, audit_events_for_clinic
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.forms import ClinicProfileForm
from hipdip.web.clinic.models import SurgeonBio
from hipdip.web.clinic.presenters import settings_rows
from hipdip.web.clinic.selectors import clinic_profile_for
from hipdip.web.clinic.services import clinic_profile_save
from hipdip.web.core.errors import DomainError
from hipdip.web.core.forms import form_add_domain_error


@login_required
@require_GET
def clinical_settings(request: HttpRequest) -> HttpResponse:
    """Every clinical number the clinic works with: value, default, unit and source."""
    actor = actor_from_request(request, channel="web")
    clinic = require_staff(actor)
    audit_record(actor=actor, action="clinic_settings.view", clinic=clinic)
    return render(
        request,
        "clinic/clinical_settings.html",
        {
            "clinic": clinic,
            "rows": settings_rows(clinic),
            "is_admin": bool(actor.user and actor.user.is_clinic_admin),
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
