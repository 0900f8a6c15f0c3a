"""A patient's page: their timeline of photo sessions and depth charts. It gathers the
patients and assessments apps, so it lives here, above both; its URL keeps the name
``patients:detail`` (see ``hipdip.web.urls``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hipdip.web.access import get_for_actor
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.assessments.charts import depth_charts
from hipdip.web.assessments.guidance import GRADE_TEXT
from hipdip.web.assessments.selectors.figures import photos_side_figures
from hipdip.web.assessments.selectors.sessions import (
    measured_depths_of_patient,
    sessions_of_patient,
)
from hipdip.web.patients.models import Patient
from hipdip.web.patients.selectors import current_height, height_history


@login_required
@require_GET
def patient_detail(request: HttpRequest, patient_id: str) -> HttpResponse:
    """A patient's timeline of photo sessions and depth charts (a patient's home page)."""
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, action="patient.view")
    sessions = list(sessions_of_patient(patient=patient))
    timeline = [{"session": s, "figures": photos_side_figures(s.photos.all())} for s in sessions]
    charts = depth_charts(measured_depths_of_patient(patient=patient))
    recorded = current_height(patient)
    last_height = recorded.height_cm if recorded else (sessions[0].height_cm if sessions else None)
    measured = next((row for row in timeline if row["figures"]), None)
    return render(
        request,
        "pages/patient.html",
        {
            "patient": patient,
            "sessions": sessions,
            "timeline": timeline,
            "charts": charts,
            "has_measurements": any(not c.is_empty for c in charts),
            "is_own": actor.user is not None and patient.user_id == actor.user.pk,
            "last_height": last_height,
            "recorded_height": recorded,
            "heights": list(height_history(patient)[:20]),
            "side_stats": _side_stats(measured),
            "grade_text": GRADE_TEXT,
        },
    )


def _side_stats(measured: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Each side's figure from the newest measured session (the same figure every page
    shows for that session), or an empty stat."""
    by_side = {f.side.value: f for f in measured["figures"]} if measured else {}
    return [
        {
            "side": side,
            "figure": by_side.get(side),
            "session": measured["session"] if measured else None,
        }
        for side in ("left", "right")
    ]
