"""Pixel scale on the body plane from the person's stated height.

The hip dip is measured on the plane through the hip joints, so the scale must be the one
at that depth. The top of the head and the feet's contact with the floor lie close to that
plane; the toes do not (in a front view they point at the camera and project lower).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

#: Height of the ankle joint above the floor as a fraction of stature
#: (Drillis & Contini 1966, segment proportions: 0.039 H).
ANKLE_HEIGHT_FRACTION = 0.039


def stature_px(
    mask: npt.NDArray[np.bool_], *, head_top_y: float, ankle_y: float, view: str
) -> float:
    """Standing height in pixels at the body plane.

    Parameters
    ----------
    mask : (H, W) bool person mask.
    head_top_y : row of the top of the head.
    ankle_y : mean row of the two ankle joint centres.
    view : "front" or "back". In a back view the heels touch the floor close to the body
        plane, so the lowest mask row is used; in a front view the lowest pixels are the toes,
        nearer the camera, so the floor is placed from the ankle joints instead.
    """
    if view == "back":
        rows = np.nonzero(mask.any(axis=1))[0]
        return float(rows[-1] + 1 - head_top_y)
    return float((ankle_y - head_top_y) / (1.0 - ANKLE_HEIGHT_FRACTION))


def head_top(mask: npt.NDArray[np.bool_], *, nose_x: float, half_width: int) -> float:
    """Topmost mask row within `half_width` columns of the nose (the crown of the head).

    Parameters
    ----------
    mask : (rows, cols) bool person mask.
    nose_x : column of the nose landmark, in pixels.
    half_width : columns either side of the nose to search.

    Returns
    -------
    float
        The row of the crown, in pixels.
    """
    w = mask.shape[1]
    lo, hi = max(0, int(nose_x) - half_width), min(w, int(nose_x) + half_width + 1)
    rows = np.nonzero(mask[:, lo:hi].any(axis=1))[0]
    if len(rows) == 0:
        rows = np.nonzero(mask.any(axis=1))[0]
    return float(rows[0])
