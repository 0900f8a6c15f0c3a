"""A patient's page: their timeline of photo sessions and depth charts. It gathers the
patients and assessments apps, so it lives here, above both; its URL keeps the name
``patients:detail`` (see ``hipdip.web.urls``)."""

from __future__ import annotations

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
    measured_photos_of_patient,
    sessions_of_patient,
)
from hipdip.web.patients.models import Patient


@login_required
@require_GET
def patient_detail(request: HttpRequest, patient_id: str) -> HttpResponse:
    """A patient's timeline of photo sessions and depth charts (a patient's home page)."""
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, action="patient.view")
    sessions = list(sessions_of_patient(patient=patient))
    timeline = [{"session": s, "figures": photos_side_figures(s.photos.all())} for s in sessions]
    charts = depth_charts(measured_photos_of_patient(patient=patient))
    last_height = sessions[0].height_cm if sessions else None
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
            "grade_text": GRADE_TEXT,
        },
    )
