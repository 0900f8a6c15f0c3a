"""The clinic's pages for its staff."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hipdip.web.access import require_staff
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.presenters import settings_rows


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
