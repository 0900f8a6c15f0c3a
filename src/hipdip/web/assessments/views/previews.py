"""Pages: the result preview (a labelled simulation) and its picture."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from hipdip.vision.encoding import encode_jpeg
from hipdip.vision.framing import Region
from hipdip.web.access import get_for_actor
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.assessments.forms import (
    PreviewQuery,
)
from hipdip.web.assessments.models import Photo
from hipdip.web.assessments.presenters import (
    picture_response,
)
from hipdip.web.assessments.selectors.measured import Unprocessable, analysed_photo
from hipdip.web.assessments.selectors.previews import preview_picture, region_size, simulated_depths
from hipdip.web.assessments.views.common import is_own, picture_endpoint
from hipdip.web.audit.services import audit_record


@login_required
@require_GET
def preview_page(request: HttpRequest, photo_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    photo = get_for_actor(actor, Photo, photo_id, action="preview.view")
    patient = photo.session.patient
    form = PreviewQuery(request.GET or None)
    fill, region = form.values() if form.is_valid() else (0.5, Region.HIPS)
    context: dict[str, Any] = {
        "photo": photo,
        "session": photo.session,
        "patient": patient,
        "is_own": is_own(actor, patient),
        "fill": fill,
        "fill_pct": round(fill * 100),
        "region": region.value,
        "form_errors": form.errors if form.is_bound and not form.is_valid() else None,
    }
    try:
        analysed = analysed_photo(photo)
    except Unprocessable as exc:
        return render(request, "assessments/preview.html", {**context, "problem": exc.message})
    h, w = region_size(analysed, region)
    context |= {
        "depths": simulated_depths(analysed, fill),
        "image_url": reverse("imaging:preview_image", kwargs={"photo_id": photo.pk}),
        "width": w,
        "height": h,
    }
    return render(request, "assessments/preview.html", context)


@login_required
@require_GET
@picture_endpoint
def preview_image(request: HttpRequest, photo_id: str) -> HttpResponse:
    """The labelled simulation as a JPEG: `fill` from 0 to 1, `region` full or hips."""
    actor = actor_from_request(request, channel="web")
    form = PreviewQuery(request.GET)
    if not form.is_valid():
        return HttpResponse(
            "fill must be a number from 0 to 1; region full or hips.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    fill, region = form.values()
    photo = get_for_actor(actor, Photo, photo_id)
    analysed = analysed_photo(photo)
    picture = preview_picture(analysed, fill=fill, region=region)
    audit_record(
        actor=actor,
        action="preview.image.view",
        patient=photo.session.patient,
        target=photo,
        detail={"fill": round(fill, 2), "region": region.value},
    )
    return picture_response(encode_jpeg(picture), "jpeg")
