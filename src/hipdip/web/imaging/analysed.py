"""A measured photo as the vision functions need it: the pixels exactly as analysed and the
full `Assessment` with its geometry.

The photos app stores an assessment's numbers (`Assessment.to_dict()`), not its geometry.
The geometry is rebuilt once by analysing the stored photo again (the stored JPEG is what
the first analysis read, and the analysis is deterministic) and kept in `PhotoGeometry`.
The assessment handed to the vision functions carries the *stored* numbers, so every figure
on these pages is the one on the session page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from hipdip.vision.assessment import Assessment, Geometry, SideResult
from hipdip.vision.conventions import View
from hipdip.web.core.errors import DomainError
from hipdip.web.imaging.models import PhotoGeometry
from hipdip.web.photos.models import Photo, Status

logger = logging.getLogger(__name__)

#: Re-analysed depths may differ from the stored ones by their rounding only.
DEPTH_TOLERANCE_MM = 0.15


class Unprocessable(DomainError):
    """The request is well formed but cannot be done with these photos."""

    status_code = 422
    code = "unprocessable"


@dataclass(frozen=True)
class AnalysedPhoto:
    """The decoded pixels (H, W, 3 uint8, as analysed) and the assessment with geometry."""

    photo: Photo
    rgb: npt.NDArray[np.uint8]
    assessment: Assessment

    @property
    def geometry(self) -> Geometry:
        assert self.assessment.geometry is not None
        return self.assessment.geometry

    @property
    def size(self) -> tuple[int, int]:
        """(height, width) of the analysed image: the coordinate space of marks."""
        return self.geometry.image_size_hw


def require_measured(photo: Photo) -> None:
    """Refuse a photo without a successful analysis, saying why."""
    if photo.status == Status.PENDING:
        raise Unprocessable(
            "This photo is still being analysed; try again in a moment.", code="not_measured"
        )
    if photo.status != Status.DONE or not photo.assessment or not photo.assessment.get("ok"):
        raise Unprocessable(
            "This photo could not be measured, so there is no outline to work with. "
            "Retake it following the photo guide.",
            code="analysis_failed",
        )


def analysed_photo(photo: Photo) -> AnalysedPhoto:
    """Load a measured photo with its geometry (computed once, then read from the cache).

    Raises
    ------
    Unprocessable
        ``not_measured`` / ``analysis_failed`` for a photo without a successful analysis,
        ``geometry_unavailable`` if the stored photo cannot be traced again.
    """
    from hipdip.vision.errors import AnalysisError
    from hipdip.vision.loading import load_photo

    require_measured(photo)
    try:
        with default_storage.open(photo.image.name or "", "rb") as fh:
            loaded = load_photo(fh.read())
    except (AnalysisError, OSError) as exc:
        logger.warning("stored photo %s could not be read again", photo.pk)
        raise _geometry_unavailable() from exc
    geometry = _cached_geometry(photo)
    if geometry is None or geometry.image_size_hw != loaded.rgb.shape[:2]:
        geometry = _trace_again(photo, loaded)
    return AnalysedPhoto(photo=photo, rgb=loaded.rgb, assessment=_assessment(photo, geometry))


def _cached_geometry(photo: Photo) -> Geometry | None:
    row = PhotoGeometry.objects.filter(photo=photo).only("analysed_at", "data").first()
    if row is None or row.analysed_at != photo.analysed_at:
        return None
    try:
        return Geometry.from_dict(row.data)
    except (KeyError, TypeError, ValueError):
        return None


def _trace_again(photo: Photo, loaded: Any) -> Geometry:
    from hipdip.vision import analyze

    result = analyze(
        loaded, height_cm=float(photo.session.height_cm), view=photo.view, name=str(photo.pk)
    )
    if not result.ok or result.geometry is None or result.sides is None:
        logger.warning("photo %s measured before but not on re-analysis", photo.pk)
        raise _geometry_unavailable()
    stored = photo.sides
    for side in ("left", "right"):
        if abs(result.sides[side].depth_mm - float(stored[side]["depth_mm"])) > DEPTH_TOLERANCE_MM:
            logger.warning("photo %s: re-analysis differs from the stored depth", photo.pk)
    try:
        with transaction.atomic():
            PhotoGeometry.objects.update_or_create(
                photo=photo,
                defaults={
                    "analysed_at": photo.analysed_at,
                    "data": result.geometry.to_dict(),
                },
            )
    except IntegrityError:  # another request stored it at the same moment
        pass
    return result.geometry


def _assessment(photo: Photo, geometry: Geometry) -> Assessment:
    data = photo.assessment or {}
    sides = {s: SideResult(**data["sides"][s]) for s in ("left", "right")}
    return Assessment(
        image=str(photo.pk),
        ok=True,
        view=View(data.get("view") or photo.view),
        height_cm=data.get("height_cm"),
        mm_per_px=data.get("mm_per_px"),
        sides=sides,
        geometry=geometry,
    )


def _geometry_unavailable() -> Unprocessable:
    return Unprocessable(
        "The outline of this photo could not be traced again. Analyse a new photo.",
        code="geometry_unavailable",
    )
