"""The definition's reference levels: where rib, crest and mid-thigh lie, from the hip and knee
joints, and the fractions and thresholds that place them.

Coordinates are (row, column) pixels: `y` is the image row (down)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class DipConfig:
    """Fractions of the thigh length L that place the reference levels, and the thresholds.

    These are part of the measurement's definition (typical adult proportions), not
    clinical decisions, so they live here rather than in the clinic settings.
    """

    rib_level: float = 0.55
    crest_level: float = 0.30
    midthigh_level: float = 0.50
    present_mm: float = 3.0
    extent_gap_mm: float = 1.0
    waist_smoothing: float = 0.02


@dataclass(frozen=True)
class Levels:
    """Reference rows (pixels) derived from the hip and knee joint centres."""

    hip_y: float
    knee_y: float
    thigh_px: float
    rib_y: float
    crest_y: float
    midthigh_y: float
    mid_x: float


def levels_from_joints(
    hips: tuple[tuple[float, float], tuple[float, float]],
    knees: tuple[tuple[float, float], tuple[float, float]],
    *,
    config: DipConfig = DipConfig(),
) -> Levels:
    """Place the rib, crest and mid-thigh levels from two hip and two knee (x, y) points.

    Parameters
    ----------
    hips, knees : two (x, y) = (col, row) joint centres each, in pixels, any order.
    config : the definition's level fractions.

    Returns
    -------
    Levels
        Rows (pixels) of the hip, knee, rib, crest and mid-thigh levels.

    Raises
    ------
    ValueError
        When the knees are not below the hips.
    """
    hip_y = 0.5 * (hips[0][1] + hips[1][1])
    knee_y = 0.5 * (knees[0][1] + knees[1][1])
    thigh = knee_y - hip_y
    if thigh <= 0:
        raise ValueError(f"knees must be below the hips (thigh length {thigh:.1f} px)")
    return Levels(
        hip_y=hip_y,
        knee_y=knee_y,
        thigh_px=thigh,
        rib_y=hip_y - config.rib_level * thigh,
        crest_y=hip_y - config.crest_level * thigh,
        midthigh_y=hip_y + config.midthigh_level * thigh,
        mid_x=0.5 * (hips[0][0] + hips[1][0]),
    )
