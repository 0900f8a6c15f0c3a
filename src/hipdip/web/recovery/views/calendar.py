"""The patient's calendar file and the private subscription address."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from hipdip.web.access import Perm, get_for_actor
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.audit.services import audit_record
from hipdip.web.patients.models import Patient
from hipdip.web.recovery import services
from hipdip.web.recovery.views._common import is_own, web_actor


def _ics_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store, max-age=0"
    return response


@login_required
@require_GET
def calendar_download(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = web_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, action="calendar.download")
    return _ics_response(services.calendar_ics(patient=patient), "hipdip-recovery.ics")


@login_required
@require_POST
def calendar_link(request: HttpRequest, patient_id: str) -> HttpResponse:
    """Create (or replace) the private subscription address; shown on this page once."""
    actor = web_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    if not is_own(actor, patient):
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
    actor = web_actor(request)
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
