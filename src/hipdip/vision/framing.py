"""Boxes around the parts of a measured photo that pictures show, and cropping to them.

A box is ``(x0, y0, x1, y1)`` = ``(col0, row0, col1, row1)`` in pixels of the analysed
image, end-exclusive, clamped to the image.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from hipdip.vision.assessment import Geometry
from hipdip.vision.conventions import SIDES
from hipdip.vision.markings import Mark

Box = tuple[int, int, int, int]


class Region(StrEnum):
    """The parts of a photo a picture can show."""

    FULL = "full"  # the whole photo
    HIPS = "hips"  # waist to mid-thigh, both sides with some background


def crop(rgb: npt.NDArray[np.uint8], box: Box) -> npt.NDArray[np.uint8]:
    """The part of `rgb` inside `box`, as a contiguous copy.

    Parameters
    ----------
    rgb : (rows, cols, 3) uint8 picture.
    box : (x0, y0, x1, y1) = (col0, row0, col1, row1), end-exclusive.

    Returns
    -------
    (y1 - y0, x1 - x0, 3) uint8 array.
    """
    x0, y0, x1, y1 = box
    return np.ascontiguousarray(rgb[y0:y1, x0:x1])


def hip_box(geo: Geometry) -> Box:
    """From a little above the waist to a little below mid-thigh, both hips with background
    either side: where a preview moves pixels and where a comparison shows change."""
    stature = _stature(geo)
    xs = _outline_xs(geo)
    margin = 0.07 * stature
    return _clamp(
        geo,
        min(xs) - margin,
        geo.level_rows["waist"] - 0.05 * stature,
        max(xs) + margin,
        geo.level_rows["midthigh"] + 0.04 * stature,
    )


def torso_box(geo: Geometry) -> Box:
    """De-identified framing for a gallery: from below the shoulders to mid-thigh, so the
    face, the neck and the feet are never in the picture."""
    stature = _stature(geo)
    points = geo.body_points_xy
    shoulder_y = max(points["shoulder_left"][1], points["shoulder_right"][1])
    xs = [*_outline_xs(geo), points["shoulder_left"][0], points["shoulder_right"][0]]
    margin = 0.05 * stature
    top = shoulder_y + 0.04 * stature
    bottom = geo.level_rows["midthigh"] + 0.02 * stature
    return _clamp(geo, min(xs) - margin, top, max(xs) + margin, max(bottom, top + 0.1 * stature))


def marks_box(geo: Geometry, marks: Iterable[Mark]) -> Box:
    """The hips close up, grown to hold every mark with room for its label beside it."""
    stature = _stature(geo)
    x0, y0, x1, y1 = (float(v) for v in hip_box(geo))
    label_room, above = 0.1 * stature, 0.03 * stature
    for m in marks:
        x0, x1 = min(x0, m.x - m.rx - label_room), max(x1, m.x + m.rx + label_room)
        y0, y1 = min(y0, m.y - m.ry - above), max(y1, m.y + m.ry + above)
    return _clamp(geo, x0, y0, x1, y1)


def region_box(geo: Geometry, region: Region) -> Box:
    """The box of a named region."""
    if region == Region.HIPS:
        return hip_box(geo)
    h, w = geo.image_size_hw
    return (0, 0, w, h)


def _stature(geo: Geometry) -> float:
    return max(1.0, geo.stature_rows[1] - geo.stature_rows[0])


def _clamp(geo: Geometry, x0: float, y0: float, x1: float, y1: float) -> Box:
    h, w = geo.image_size_hw
    return (
        max(0, int(np.floor(x0))),
        max(0, int(np.floor(y0))),
        min(w, int(np.ceil(x1))),
        min(h, int(np.ceil(y1))),
    )


def _outline_xs(geo: Geometry) -> list[float]:
    return [p[0] for side in SIDES for p in (*geo.outline_xy[side], *geo.envelope_xy[side])]
