"""A measured photo as the vision functions need it: the pixels exactly as analysed and the
stored `Assessment` with its geometry.

Nothing here analyses a photo: the assessment was stored whole when the photo was measured
(`Photo.assessment`); only the stored JPEG is decoded again for the pixels to draw on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from django.core.files.storage import default_storage

from hipdip.vision.assessment import Assessment, Geometry
from hipdip.web.assessments.models import Photo, Status
from hipdip.web.core.errors import DomainError

logger = logging.getLogger(__name__)


class Unprocessable(DomainError):
    """The request is well formed but cannot be done with these photos."""

    status_code = 422
    code = "unprocessable"


@dataclass(frozen=True)
class AnalysedPhoto:
    """The decoded pixels ((rows, cols, 3) uint8, as analysed) and the assessment."""

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


def require_measured(photo: Photo) -> Assessment:
    """The stored assessment of a successfully measured photo, or a refusal saying why."""
    if photo.status == Status.PENDING:
        raise Unprocessable(
            "This photo is still being analysed; try again in a moment.", code="not_measured"
        )
    assessment = photo.assessment
    if photo.status != Status.DONE or assessment is None or not assessment.ok:
        raise Unprocessable(
            "This photo could not be measured, so there is no outline to work with. "
            "Retake it following the photo guide.",
            code="analysis_failed",
        )
    return assessment


def analysed_photo(photo: Photo) -> AnalysedPhoto:
    """A measured photo's stored assessment and its pixels (decoded, never analysed).

    Raises
    ------
    Unprocessable
        ``not_measured`` / ``analysis_failed`` for a photo without a successful analysis,
        ``geometry_unavailable`` when the stored assessment has no outline (a photo measured
        before the outline was stored, that could not be traced when the database was
        migrated) or the stored file no longer matches it.
    """
    from hipdip.vision.errors import AnalysisError
    from hipdip.vision.loading import load_photo

    assessment = require_measured(photo)
    if assessment.geometry is None:
        raise _geometry_unavailable()
    try:
        with default_storage.open(photo.image.name or "", "rb") as fh:
            loaded = load_photo(fh.read())
    except (AnalysisError, OSError) as exc:
        logger.warning("stored photo %s could not be read again", photo.pk)
        raise _geometry_unavailable() from exc
    if loaded.rgb.shape[:2] != assessment.geometry.image_size_hw:
        logger.warning("stored photo %s differs in size from its assessment", photo.pk)
        raise _geometry_unavailable()
    return AnalysedPhoto(photo=photo, rgb=loaded.rgb, assessment=assessment)


def _geometry_unavailable() -> Unprocessable:
    return Unprocessable(
        "The outline of this photo is not available. Analyse a new photo.",
        code="geometry_unavailable",
    )


def phone_overlay_jpeg(photo: Photo) -> bytes:
    """The measured photo's overlay laid out for a phone (both hips magnified, large type),
    drawn from the stored assessment and photo; the model is not run."""
    from hipdip.vision.encoding import encode_jpeg
    from hipdip.vision.overlay_phone import render_phone_overlay

    analysed = analysed_photo(photo)
    return encode_jpeg(render_phone_overlay(analysed.rgb, analysed.assessment))
