"""A session's one figure per side: what every page, document and API response shows as
"the" depth of a side for that session (the combination itself is
:mod:`hipdip.care.sides`: the mean of front and back, with the words that say so)."""

from __future__ import annotations

from collections.abc import Iterable

from hipdip.care.sides import SideFigure, SideMeasurement, combine_sides
from hipdip.vision.conventions import Side, View
from hipdip.web.assessments.models import Photo, PhotoSession, Status


def side_measurements(photo: Photo) -> list[SideMeasurement]:
    """The per-side measurements of one measured photo (anatomical sides)."""
    out = []
    for side in (Side.LEFT, Side.RIGHT):
        result = photo.sides.get(side)
        if result is None:
            continue
        out.append(
            SideMeasurement(
                side=side,
                view=View(photo.view),
                depth_mm=result.depth_mm,
                extent_mm=result.extent_mm,
            )
        )
    return out


def photos_side_figures(photos: Iterable[Photo]) -> tuple[SideFigure, ...]:
    """The figure of each measured side over the measured photos given (one session's)."""
    return combine_sides(
        [m for p in photos if p.status == Status.DONE for m in side_measurements(p)]
    )


def session_side_figures(session: PhotoSession) -> tuple[SideFigure, ...]:
    """The session's figure per side, from its measured photos."""
    return photos_side_figures(session.photos.filter(status=Status.DONE))
