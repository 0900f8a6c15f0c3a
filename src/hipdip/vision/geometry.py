"""The `Geometry` of a measured photo, built from the per-side measurements and the joints.

Points are ``(x, y)`` = ``(col, row)`` pixels of the analysed image.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from hipdip.vision.assessment import Geometry, PointXY
from hipdip.vision.joints import Joints, body_points_xy
from hipdip.vision.measure import DipMeasurement, Levels


def build_geometry(
    image_size_hw: tuple[int, int],
    dips: dict[str, DipMeasurement],
    joints: Joints,
    levels: Levels,
    *,
    waist_row: int,
    landmarks: npt.NDArray[np.float64],
    stature_rows: tuple[float, float],
) -> Geometry:
    """Collect what the pictures draw into one `Geometry`.

    Parameters
    ----------
    image_size_hw : (height, width) of the analysed image.
    dips : per anatomical side, the measured outline and envelope as outward coordinates
        ``u`` on image rows; ``x = image_side * u``.
    joints : hips and knees by anatomical side.
    levels : the definition's levels (rows).
    waist_row : the row of the waist found on the outline.
    landmarks : (33, 4) float BlazePose landmarks (x, y, z, visibility) in pixels.
    stature_rows : rows of the head top and of the floor line used for the scale.
    """
    outline: dict[str, tuple[PointXY, ...]] = {}
    envelope: dict[str, tuple[PointXY, ...]] = {}
    deepest: dict[str, PointXY | None] = {}
    for s, d in dips.items():
        sign = joints.image_side[s]
        outline[s] = tuple(
            (float(sign * u), float(y)) for y, u in zip(d.rows, d.outline_u, strict=True)
        )
        envelope[s] = tuple(
            (float(sign * u), float(y)) for y, u in zip(d.rows, d.envelope_u, strict=True)
        )
        if d.deepest_y is None:
            deepest[s] = None
        else:
            i = d.rows.index(int(d.deepest_y))
            deepest[s] = (float(sign * d.outline_u[i]), float(d.deepest_y))
    marks = {f"hip_{s}": joints.hip_xy[s] for s in ("left", "right")}
    marks |= {f"knee_{s}": joints.knee_xy[s] for s in ("left", "right")}
    return Geometry(
        image_side=dict(joints.image_side),
        body_points_xy=body_points_xy(landmarks, joints),
        stature_rows=(float(stature_rows[0]), float(stature_rows[1])),
        outline_xy=outline,
        envelope_xy=envelope,
        deepest_xy=deepest,
        joints_xy=marks,
        level_rows={
            "waist": float(waist_row),
            "crest": float(levels.crest_y),
            "hip": float(levels.hip_y),
            "midthigh": float(levels.midthigh_y),
        },
        image_size_hw=(int(image_size_hw[0]), int(image_size_hw[1])),
    )
