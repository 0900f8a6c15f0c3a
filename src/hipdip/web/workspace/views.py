"""Staff pages composed from many apps: the staff home and the patient list."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hipdip.web.access import patients_visible_to, require_staff
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.selectors import default_timezone_for
from hipdip.web.workspace.forms import PatientFilterForm
from hipdip.web.workspace.selectors.home import staff_home
from hipdip.web.workspace.selectors.patients import patient_rows, staff_patients
from hipdip.web.workspace.stages import clinic_recovery_days, today_in

PAGE_SIZE = 25


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Where staff land after signing in: today's visits, alerts, new leads, messages."""
    actor = actor_from_request(request, channel="web")
    clinic = require_staff(actor)
    assert actor.user is not None
    data = staff_home(clinic=clinic, reader=actor.user)
    audit_record(actor=actor, action="workspace.home.view")
    return render(request, "workspace/home.html", {"home": data, "clinic": clinic})


@login_required
@require_GET
def patient_list(request: HttpRequest) -> HttpResponse:
    """The clinic's patients with stage, open alerts and next visit, searchable and
    filterable; htmx requests get only the table (live search)."""
    actor = actor_from_request(request, channel="web")
    clinic = require_staff(actor)
    form = PatientFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    search, stage, alert = data.get("q", ""), data.get("stage", ""), data.get("alert", False)
    zone = default_timezone_for(clinic)  # read once: the dates and the visit times
    today = today_in(zone)
    qs = staff_patients(
        visible=patients_visible_to(actor.user),
        today=today,
        search=search,
        stage=stage,
        has_alert=alert,
        recovery_days=clinic_recovery_days(clinic),
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = patient_rows(list(page.object_list), today=today)
    audit_record(
        actor=actor,
        action="patient.list",
        detail={"search": bool(search), "stage": stage, "alert": alert},
    )
    params = {
        k: v for k, v in (("q", search), ("stage", stage), ("alert", "on" if alert else "")) if v
    }
    context = {
        "clinic": clinic,
        "zone": zone,
        "form": form,
        "page": page,
        "rows": rows,
        "search": search,
        "filtered": bool(stage or alert),
        "query": urlencode(params),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "patient-table":
        return render(request, "workspace/_patient_table.html", context)
    return render(request, "workspace/patient_list.html", context)
