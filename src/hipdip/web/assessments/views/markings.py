"""Pages: the surgeon's markings editor, its save, and the marked picture."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from hipdip.vision.encoding import encode_png
from hipdip.vision.framing import hip_box
from hipdip.web.access import NotFound, Perm, get_for_actor
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.assessments.models import Photo
from hipdip.web.assessments.plans import plan_of_patient
from hipdip.web.assessments.presenters import (
    markings_payload,
    picture_response,
)
from hipdip.web.assessments.rules import can_edit_markings
from hipdip.web.assessments.selectors.markings import (
    marking_set_for,
    markings_picture,
    marks_of,
    suggested_marks,
)
from hipdip.web.assessments.selectors.measured import Unprocessable, analysed_photo
from hipdip.web.assessments.services.markings import marking_set_save
from hipdip.web.assessments.views.common import is_own, picture_endpoint, plan_or_404
from hipdip.web.core.api_errors import error_response
from hipdip.web.core.errors import DomainError


@login_required
@require_GET
def markings_page(request: HttpRequest, photo_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    photo = get_for_actor(actor, Photo, photo_id, action="markings.view")
    patient = photo.session.patient
    plan = plan_or_404(request.GET.get("plan"), patient)
    context: dict[str, Any] = {
        "photo": photo,
        "session": photo.session,
        "patient": patient,
        "is_own": is_own(actor, patient),
        "plan_id": plan,
        "can_edit": can_edit_markings(actor.user, patient),
    }
    try:
        analysed = analysed_photo(photo)
    except Unprocessable as exc:
        return render(request, "assessments/markings.html", {**context, "problem": exc.message})
    marking_set = marking_set_for(photo=photo, plan_id=plan)
    payload = markings_payload(
        photo=photo,
        analysed=analysed,
        marking_set=marking_set,
        plan_id=plan,
        user=actor.user,
        api=False,
    )
    query = f"?plan={plan}" if plan else ""
    payload["save_url"] = reverse("imaging:markings_save", kwargs={"photo_id": photo.pk}) + query
    payload["zoom_boxes"] = _zoom_boxes(analysed)
    payload["initial"], payload["initial_source"] = _starting_marks(photo, plan, payload)
    context |= {
        "editor": payload,
        "plan_hint": None if plan else plan_of_patient(patient),
        "marking_set": marking_set,
        "shows_suggestions": marking_set is None and not context["is_own"],
        "png_url": payload["png_url"],
        "image_size": analysed.size,
    }
    return render(request, "assessments/markings.html", context)


def _zoom_boxes(analysed: Any) -> dict[str, tuple[int, int, int, int]]:
    """The editor's close-ups: both hips (wider than the preview's, so labels beside the
    marks fit) and each side on its own (twice as large on a phone)."""
    geo = analysed.geometry
    x0, y0, x1, y1 = hip_box(geo)
    pad = 0.06 * (geo.stature_rows[1] - geo.stature_rows[0])
    x0, x1 = max(0, int(x0 - pad)), min(geo.image_size_hw[1], int(x1 + pad))
    mid = round(0.5 * (geo.joints_xy["hip_left"][0] + geo.joints_xy["hip_right"][0]))
    image_right, image_left = (mid, y0, x1, y1), (x0, y0, mid, y1)
    return {
        "hips": (x0, y0, x1, y1),
        **{side: image_right if sign > 0 else image_left for side, sign in geo.image_side.items()},
    }


def _starting_marks(photo: Photo, plan: Any, payload: dict[str, Any]) -> tuple[list[Any], str]:
    """What the editor opens with: the saved marks; for a plan without marks yet, the
    photo's own saved marks; otherwise the analyser's suggestions."""
    if payload["saved"]:
        return payload["marks"], "saved"
    if plan is not None:
        own = marking_set_for(photo=photo, plan_id=None)
        if own is not None:
            return list(own.marks), "photo"
    return payload["suggested"], "suggested"


@login_required
@require_POST
def markings_save(request: HttpRequest, photo_id: str) -> JsonResponse:
    """The editor's save: JSON `{"version": n, "marks": [...]}` in, the saved state out.
    Errors use the API's error shape (409 `stale_version` when someone saved meanwhile)."""
    actor = actor_from_request(request, channel="web")
    photo = get_for_actor(actor, Photo, photo_id, perm=Perm.CHANGE)
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return error_response(400, message="The request body is not valid JSON.")
    if not isinstance(body, dict):
        return error_response(400, message="Send a JSON object with `version` and `marks`.")
    try:
        saved = marking_set_save(
            actor=actor,
            photo=photo,
            marks=body.get("marks"),
            version=body.get("version"),  # type: ignore[arg-type]
            plan_id=request.GET.get("plan"),
        )
    except DomainError as exc:
        return error_response(
            exc.status_code, code=exc.code, message=exc.message, details=exc.details
        )
    except PermissionDenied as exc:
        return error_response(403, message=str(exc) or None)
    payload = markings_payload(
        photo=photo,
        analysed=analysed_photo(photo),
        marking_set=saved,
        plan_id=saved.plan_id,
        user=actor.user,
        api=False,
    )
    return JsonResponse(payload)


@login_required
@require_GET
@picture_endpoint
def markings_png(request: HttpRequest, photo_id: str) -> HttpResponse:
    """The saved marks drawn on the photo (staff see the suggestions until a set is saved)."""
    actor = actor_from_request(request, channel="web")
    photo = get_for_actor(actor, Photo, photo_id, action="markings.image.view")
    patient = photo.session.patient
    plan = plan_or_404(request.GET.get("plan"), patient)
    analysed = analysed_photo(photo)
    marking_set = marking_set_for(photo=photo, plan_id=plan)
    if marking_set is not None:
        marks = marks_of(marking_set)
    elif not is_own(actor, patient):
        marks = suggested_marks(analysed)
    else:
        raise NotFound
    png = encode_png(markings_picture(analysed, marks))
    name = f"markings-{photo.view}-{photo.session.taken_on:%Y%m%d}.png"
    return picture_response(png, "png", filename=name if request.GET.get("download") else None)
