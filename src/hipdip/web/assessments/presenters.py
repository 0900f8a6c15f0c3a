"""The JSON the markings editor and the API share, and picture responses."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from django.http import HttpResponse
from django.urls import reverse

from hipdip.vision.compare import SideChange
from hipdip.web.accounts.models import User
from hipdip.web.assessments.models import MarkingSet, Photo, PhotoSession
from hipdip.web.assessments.rules import can_edit_markings
from hipdip.web.assessments.selectors.comparisons import ComparisonResult
from hipdip.web.assessments.selectors.markings import suggested_marks
from hipdip.web.assessments.selectors.measured import AnalysedPhoto


def picture_response(data: bytes, kind: str, *, filename: str | None = None) -> HttpResponse:
    """A generated picture: never cached anywhere, inline unless named for download."""
    response = HttpResponse(data, content_type=f"image/{kind}")
    response["Cache-Control"] = "private, no-store, max-age=0"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'attachment; filename="{filename}"' if filename else "inline"
    return response


def markings_payload(
    *,
    photo: Photo,
    analysed: AnalysedPhoto,
    marking_set: MarkingSet | None,
    plan_id: uuid.UUID | None,
    user: User | None,
    api: bool,
) -> dict[str, Any]:
    """Saved marks (or none), the analyser's suggestions for those who may edit, and where
    to find the pictures. Coordinates are pixels of the photo scaled to `image` size."""
    h, w = analysed.size
    patient = photo.session.patient
    editor = can_edit_markings(user, patient)
    query = f"?{urlencode({'plan_id': str(plan_id)})}" if plan_id else ""
    key = {"photo_id": photo.pk}
    image_url = reverse("api:photo_image" if api else "photos:image", kwargs=key)
    png_url = reverse("api:markings_png" if api else "imaging:markings_png", kwargs=key)
    geo = analysed.geometry
    return {
        "photo_id": str(photo.pk),
        "view": photo.view,
        "plan_id": str(plan_id) if plan_id else None,
        "image": {"width": w, "height": h, "url": image_url},
        "saved": marking_set is not None,
        "version": marking_set.version if marking_set else 0,
        "updated_at": marking_set.updated_at.isoformat() if marking_set else None,
        "updated_by": (
            marking_set.updated_by.full_name if marking_set and marking_set.updated_by else None
        ),
        "marks": list(marking_set.marks) if marking_set else [],
        "suggested": [m.to_dict() for m in suggested_marks(analysed)] if editor else [],
        "can_edit": editor,
        "png_url": png_url + query,
        "body": {
            "image_side": dict(geo.image_side),
            "midline_x": round(
                0.5 * (geo.joints_xy["hip_left"][0] + geo.joints_xy["hip_right"][0]), 1
            ),
            "hip_y": round(geo.level_rows["hip"], 1),
        },
    }


def side_change_dict(change: SideChange) -> dict[str, Any]:
    return {
        "before_mm": round(change.before_mm, 1),
        "after_mm": round(change.after_mm, 1),
        "change_mm": round(change.change_mm, 1),
        "change_pct": None if change.change_pct is None else round(change.change_pct, 1),
    }


def session_summary(session: PhotoSession, photo: Photo) -> dict[str, Any]:
    return {
        "session_id": str(session.pk),
        "photo_id": str(photo.pk),
        "taken_on": session.taken_on.isoformat(),
        "purpose": session.purpose,
        "purpose_label": session.purpose_label,
    }


def compare_query(result: ComparisonResult, **extra: str) -> str:
    params = {
        "before": str(result.before.photo.session_id),
        "after": str(result.after.photo.session_id),
        "view": result.view,
        **extra,
    }
    return urlencode(params)
