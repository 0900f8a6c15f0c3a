"""The photos (Media), the hip-dip depths measured on them and each session's one figure
per side (Observation).

Each measured photo gives one depth Observation per side, derived from its Media. Each
session then gives one more per side: the figure every page and document shows for that
session (:mod:`hipdip.care.sides`, the mean of the front and back photos), derived from
the per-photo Observations it was computed from, with a note that says how.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from hipdip.care.sides import SideFigure
from hipdip.vision.assessment import SideResult
from hipdip.web.assessments.models import Photo, PhotoSession, Status
from hipdip.web.assessments.selectors.figures import photos_side_figures
from hipdip.web.documents.fhir.common import (
    HIP_REGION,
    LATERALITY,
    OBS_CATEGORY,
    SNOMED,
    UCUM,
    Builder,
    absolute_url,
    code_system,
    concept,
    instant,
    make_urn,
    reference,
)


def add_media(b: Builder) -> dict[str, str]:
    urns = {}
    for photo in b.r.photos:
        urn = make_urn("photo", photo.pk)
        session = photo.session
        b.add(
            urn,
            {
                "resourceType": "Media",
                "status": "completed",
                "type": {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/media-type",
                            "code": "image",
                            "display": "Image",
                        }
                    ]
                },
                "view": {"text": f"{photo.get_view_display()} view, standing"},
                "subject": b.subject(),
                "createdDateTime": session.taken_on.isoformat(),
                "width": photo.width_px,
                "height": photo.height_px,
                "content": {
                    "contentType": "image/jpeg",
                    "url": absolute_url(reverse("api:photo_image", kwargs={"photo_id": photo.pk})),
                    "title": f"{session.purpose_label}, {photo.get_view_display().lower()} "
                    f"photo, {session.taken_on:%Y-%m-%d}",
                },
                "note": [
                    {"text": "Available to authorised users of the clinic through the hipdip API."}
                ],
            },
        )
        urns[str(photo.pk)] = urn
    return urns


def add_depths(b: Builder, media: dict[str, str]) -> None:
    """One depth Observation per side of each measured photo, then one per side of each
    session (the session's figure, derived from those)."""
    sessions: dict[str, tuple[PhotoSession, list[Photo]]] = {}
    for photo in b.r.photos:
        if photo.status != Status.DONE:
            continue
        for side, data in sorted(photo.sides.items()):
            if side not in LATERALITY:
                continue
            _depth(b, photo, side, data, media[str(photo.pk)])
        sessions.setdefault(str(photo.session_id), (photo.session, []))[1].append(photo)
    for session, photos in sessions.values():
        for figure in photos_side_figures(photos):
            if figure.side.value in LATERALITY:
                _session_depth(b, session, photos, figure)


def depth_urn(photo: Photo, side: str) -> str:
    """The id of the depth Observation of ``side`` measured on ``photo``."""
    return make_urn(f"depth-{side}", photo.pk)


def session_depth_urn(session: PhotoSession, side: str) -> str:
    """The id of the session's figure for ``side``."""
    return make_urn(f"session-depth-{side}", session.pk)


def _mm(value: float) -> dict[str, Any]:
    return {"value": value, "unit": "mm", "system": UCUM, "code": "mm"}


def _extent(value: float) -> dict[str, Any]:
    return {
        "code": concept(
            code_system("hipdip-measure"), "hip-dip-extent", "Vertical extent of the hip dip"
        ),
        "valueQuantity": _mm(value),
    }


def _depth_observation(b: Builder, side: str, taken_on: str) -> dict[str, Any]:
    """What every depth Observation of ``side`` has: code, subject, date and body site."""
    site_code, site_display = HIP_REGION[side]
    lat_code, lat_display = LATERALITY[side]
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": OBS_CATEGORY, "code": "exam", "display": "Exam"}]}],
        "code": concept(
            code_system("hipdip-measure"),
            "hip-dip-depth",
            "Hip dip depth",
            "Depth of the lateral hip indentation",
        ),
        "subject": b.subject(),
        "effectiveDateTime": taken_on,
        "bodySite": {
            "coding": [{"system": SNOMED, "code": site_code, "display": site_display}],
            "text": f"{lat_display} hip ({lat_display.lower()} laterality, SNOMED {lat_code})",
        },
    }


def _depth(b: Builder, photo: Photo, side: str, data: SideResult, media_urn: str) -> None:
    resource = _depth_observation(b, side, photo.session.taken_on.isoformat())
    resource.update(
        {
            "issued": instant(photo.analysed_at),
            "valueQuantity": _mm(data.depth_mm),
            "method": concept(
                code_system("hipdip-method"),
                "photo-silhouette-2d",
                "2-D photo silhouette",
                f"2-D photo silhouette, {photo.get_view_display().lower()} view",
            ),
            "derivedFrom": [reference(media_urn)],
            "component": [_extent(data.extent_mm)] if data.extent_mm is not None else [],
        }
    )
    b.add(depth_urn(photo, side), resource)


def _session_depth(
    b: Builder, session: PhotoSession, photos: list[Photo], figure: SideFigure
) -> None:
    """The session's figure for one side: the mean over the views that measured it."""
    side = figure.side.value
    by_view = {p.view: p for p in photos}
    used = [by_view[m.view.value] for m in figure.views]
    analysed = [p.analysed_at for p in used if p.analysed_at is not None]
    views = " and ".join(m.view.value for m in figure.views)
    resource = _depth_observation(b, side, session.taken_on.isoformat())
    resource.update(
        {
            "issued": instant(max(analysed)) if analysed else None,
            "valueQuantity": _mm(figure.depth_mm),
            "method": concept(
                code_system("hipdip-method"),
                "photo-silhouette-2d-session",
                "2-D photo silhouette, one figure per session",
                f"2-D photo silhouette, {views} view"
                + (" (mean of the views)" if figure.is_combined else " only"),
            ),
            "derivedFrom": [
                reference(depth_urn(p, side), f"{p.get_view_display()} photo") for p in used
            ],
            "component": [_extent(round(figure.extent_mm, 1))],
            "note": [
                {
                    "text": f"The session's figure for the {side} side, as the clinic's pages "
                    f"and documents show it: {figure.how}."
                }
            ],
        }
    )
    if resource["issued"] is None:
        del resource["issued"]
    b.add(session_depth_urn(session, side), resource)
