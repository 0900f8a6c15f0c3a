"""Staff review of a photo session flagged by the height and proportion checks: confirm it
as it is, or correct its height (its photos are then measured again)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from hipdip.web.access import Perm, get_for_actor, require_staff
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.assessments.forms import HeightConfirmForm, HeightCorrectForm
from hipdip.web.assessments.models import PhotoSession
from hipdip.web.assessments.services.heightcheck import (
    session_height_confirm,
    session_height_correct,
)
from hipdip.web.core.errors import DomainError


@login_required
@require_POST
def height_confirm(request: HttpRequest, session_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    session = get_for_actor(actor, PhotoSession, session_id, perm=Perm.CHANGE)
    require_staff(actor)  # a patient never reviews their own photos
    form = HeightConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say why the session is right before confirming it.")
        return redirect("photos:session", session_id=session.pk)
    try:
        session_height_confirm(actor=actor, session=session, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Confirmed: these photos' figures can now be used in plans.")
    return redirect("photos:session", session_id=session.pk)


@login_required
@require_POST
def height_correct(request: HttpRequest, session_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    session = get_for_actor(actor, PhotoSession, session_id, perm=Perm.CHANGE)
    require_staff(actor)
    form = HeightCorrectForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter the corrected height (100-250 cm) and a reason.")
        return redirect("photos:session", session_id=session.pk)
    try:
        session_height_correct(
            actor=actor,
            session=session,
            height_cm=form.cleaned_data["height_cm"],
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Height corrected: the photos are being measured again.")
    return redirect("photos:session", session_id=session.pk)
