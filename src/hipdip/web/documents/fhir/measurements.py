"""The photos (Media) and the hip-dip depths measured on them (Observation)."""

from __future__ import annotations

from django.urls import reverse

from hipdip.vision.assessment import SideResult
from hipdip.web.assessments.models import Photo, Status
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
    for photo in b.r.photos:
        if photo.status != Status.DONE:
            continue
        for side, data in sorted(photo.sides.items()):
            if side not in LATERALITY:
                continue
            _depth(b, photo, side, data, media[str(photo.pk)])


def _depth(b: Builder, photo: Photo, side: str, data: SideResult, media_urn: str) -> None:
    site_code, site_display = HIP_REGION[side]
    lat_code, lat_display = LATERALITY[side]
    components = []
    if data.extent_mm is not None:
        components.append(
            {
                "code": concept(
                    code_system("hipdip-measure"),
                    "hip-dip-extent",
                    "Vertical extent of the hip dip",
                ),
                "valueQuantity": {
                    "value": data.extent_mm,
                    "unit": "mm",
                    "system": UCUM,
                    "code": "mm",
                },
            }
        )
    b.add(
        make_urn(f"depth-{side}", photo.pk),
        {
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
            "effectiveDateTime": photo.session.taken_on.isoformat(),
            "issued": instant(photo.analysed_at),
            "valueQuantity": {
                "value": data.depth_mm,
                "unit": "mm",
                "system": UCUM,
                "code": "mm",
            },
            "bodySite": {
                "coding": [{"system": SNOMED, "code": site_code, "display": site_display}],
                "text": f"{lat_display} hip ({lat_display.lower()} laterality, SNOMED {lat_code})",
            },
            "method": concept(
                code_system("hipdip-method"),
                "photo-silhouette-2d",
                "2-D photo silhouette",
                f"2-D photo silhouette, {photo.get_view_display().lower()} view",
            ),
            "derivedFrom": [reference(media_urn)],
            "component": components,
        },
    )
