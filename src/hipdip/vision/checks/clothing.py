"""Loose clothing: a garment, not the body, makes the outline at the hips.

The cues are geometric, never colour, so fitted leggings, shorts and underwear of any
colour (close to the skin or to the background) are measured: they follow the body and
leave the outline's shape as it is.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from hipdip.vision.checks.config import ChecksConfig
from hipdip.vision.errors import AnalysisError, Reason


def _leg_line(
    rows: npt.NDArray[np.int64], hip: tuple[float, float], knee: tuple[float, float]
) -> npt.NDArray[np.float64]:
    """Column of the hip-to-knee line on each row (the hip's column above the hip)."""
    t = (rows - hip[1]) / max(knee[1] - hip[1], 1e-6)
    out: npt.NDArray[np.float64] = np.where(rows <= hip[1], hip[0], hip[0] + t * (knee[0] - hip[0]))
    return out


def steepest_inward_step(
    mask: npt.NDArray[np.bool_],
    hips: tuple[tuple[float, float], tuple[float, float]],
    knees: tuple[tuple[float, float], tuple[float, float]],
    *,
    crest_y: float,
    stature_px: float,
) -> float:
    """Largest inward step of the lateral outline per unit height, from crest to knee.

    Parameters
    ----------
    mask : (H, W) bool person mask.
    hips, knees : image (x, y) of the two hip and knee joints, the first of each pair on
        the image's left.
    crest_y, stature_px : start row and stature in pixels (the window is 1 % of stature).

    Returns the largest drop of the outward coordinate over a window of rows, divided by the
    window's height: about 0.2-0.6 along a body's hips and thighs, 1.5 and more at a hem.
    """
    h = mask.shape[0]
    y0 = max(int(crest_y), 0)
    y1 = min(int(knees[0][1] + knees[1][1]) // 2, h - 1)
    win = max(2, int(round(0.01 * stature_px)))
    if y1 - y0 <= win:
        return 0.0
    # Every `step`-th row is enough to see a step spread over `win` rows (and 3-4x cheaper).
    step = max(1, win // 4)
    rows = np.arange(y0, y1 + 1, step, dtype=np.int64)
    lag = max(1, win // step)
    reach = np.arange(int(0.25 * stature_px) + 1)
    worst = 0.0
    for side, hip, knee in ((-1, hips[0], knees[0]), (1, hips[1], knees[1])):
        # Outward from the thigh line to the first background pixel: the lateral edge.
        x0 = np.round(_leg_line(rows, hip, knee)).astype(np.int64)
        cols = x0[:, None] + side * reach[None, :]
        inside = (cols >= 0) & (cols < mask.shape[1])
        vals = np.zeros(cols.shape, bool)
        vals[inside] = mask[np.broadcast_to(rows[:, None], cols.shape)[inside], cols[inside]]
        first_bg = np.argmax(~vals, axis=1)
        ok = vals[:, 0] & ~vals.all(axis=1)
        u = np.where(ok, side * x0 + first_bg, np.nan).astype(float)
        drop = u[:-lag] - u[lag:]
        if np.isfinite(drop).any():
            worst = max(worst, float(np.nanmax(drop)) / (lag * step))
    return worst


def thighs_fused(
    mask: npt.NDArray[np.bool_],
    hips: tuple[tuple[float, float], tuple[float, float]],
    knees: tuple[tuple[float, float], tuple[float, float]],
    config: ChecksConfig,
) -> bool:
    """No background between the thighs on any row from `fused_from` to `fused_to` of the
    thigh length below the hips: a skirt or a coat closes the gap legs apart would show."""
    hip_y = 0.5 * (hips[0][1] + hips[1][1])
    thigh = 0.5 * (knees[0][1] + knees[1][1]) - hip_y
    y0 = int(hip_y + config.fused_from * thigh)
    y1 = min(int(hip_y + config.fused_to * thigh), mask.shape[0] - 1)
    if y1 <= y0:
        return False
    rows = np.arange(y0, y1 + 1, dtype=np.int64)
    left = _leg_line(rows, hips[0], knees[0])
    right = _leg_line(rows, hips[1], knees[1])
    lo = np.clip(np.round(np.minimum(left, right)).astype(np.int64), 0, mask.shape[1] - 1)
    hi = np.clip(np.round(np.maximum(left, right)).astype(np.int64), 0, mask.shape[1] - 1)
    if (hi - lo < 2).any():
        return False
    # Background pixels between the two thigh lines, per row, from a running count.
    c0, c1 = int(lo.min()), int(hi.max()) + 1
    gaps = np.cumsum(~mask[rows, c0:c1], axis=1)
    r = np.arange(len(rows))
    between = gaps[r, hi - c0] - np.where(lo > c0, gaps[r, lo - c0 - 1], 0)
    return bool((between == 0).all())


def check_clothing(
    mask: npt.NDArray[np.bool_],
    hips: tuple[tuple[float, float], tuple[float, float]],
    knees: tuple[tuple[float, float], tuple[float, float]],
    *,
    crest_y: float,
    stature_px: float,
    config: ChecksConfig,
) -> None:
    """Refuse when a garment's hem steps the outline or a skirt joins the thighs."""
    slope = steepest_inward_step(mask, hips, knees, crest_y=crest_y, stature_px=stature_px)
    if slope > config.max_outline_slope:
        raise AnalysisError(Reason.LOOSE_CLOTHING, "a hem steps the outline")
    spread = abs(knees[1][0] - knees[0][0]) / max(stature_px, 1.0)
    if spread >= config.min_knee_spread and thighs_fused(mask, hips, knees, config):
        raise AnalysisError(Reason.LOOSE_CLOTHING, "no gap between the thighs")
