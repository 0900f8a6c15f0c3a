"""The hip outline traced again in the photo, row by row, from the rib level to mid-thigh.

An outline coordinate ``u`` is the outward distance in pixels from the image's centre line
of the person's run on that row (see `outline.RowRuns`); rows are image rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hipdip.vision import quality
from hipdip.vision.errors import AnalysisError, Reason
from hipdip.vision.joints import Joints
from hipdip.vision.measure import Levels
from hipdip.vision.outline import RowRuns, median_rows, refine_edge, smooth_rows


@dataclass(frozen=True)
class Traced:
    """Refined outline per anatomical side on rows from the rib level to mid-thigh."""

    rows: npt.NDArray[np.int64]
    u: dict[str, npt.NDArray[np.float64]]  # whole-pixel outward coordinate (the mask's edge)
    u_exact: dict[str, npt.NDArray[np.float64]]  # sub-pixel outward coordinate
    run_id: dict[str, npt.NDArray[np.int64]]  # which coarse-mask run each row's edge is on
    raw: dict[str, npt.NDArray[np.float64]]  # sub-pixel edge before the moving average
    smooth_rows: int  # rows in the moving average
    rival: dict[str, float]  # competing background steps against the chosen edge (see refine_edge)
    search_px: int  # half-width of the edge search
    blur_px: float
    contrast: float


def trace_hips(
    rgb: npt.NDArray[np.uint8],
    mask: npt.NDArray[np.bool_],
    joints: Joints,
    levels: Levels,
    *,
    stature_px: float,
    search_fraction: float,
    edge_smoothing: float,
    median_fraction: float = 0.008,
    mask_prior: float = 1.0,
) -> Traced:
    """Refined outline per side for every row from the rib level to mid-thigh.

    Parameters
    ----------
    rgb : (H, W, 3) uint8 photo as analysed.
    mask : (H, W) bool person mask from the model.
    joints : hips and knees by anatomical side.
    levels : the definition's levels (rows).
    stature_px : head top to floor, in pixels; sets the search and smoothing widths.
    search_fraction, edge_smoothing : see `AnalysisConfig`.
    median_fraction : half-window of the running median that removes short excursions of
        the edge (onto a background stripe, a garment's inner edge), as a fraction of
        stature: 0.8 % gives a window of about 2.7 cm, half the smallest dip's height.
    mask_prior : how much stronger than the photo's typical body edge a colour step at the
        far end of the search window must be to win over the model's mask edge
        (`outline.refine_edge`): 1 = twice as strong.

    Raises
    ------
    AnalysisError
        ``outline_not_found`` when the hip region is under 10 rows tall.
    """
    h = mask.shape[0]
    y0 = max(int(np.ceil(levels.rib_y)), 0)
    y1 = min(int(np.floor(levels.midthigh_y)), h - 1)
    if y1 - y0 < 10:
        raise AnalysisError(Reason.OUTLINE_NOT_FOUND, "hip region too small")
    rows = np.arange(y0, y1 + 1, dtype=np.int64)
    search = max(6, int(round(search_fraction * stature_px)))
    u, exact, run_id, raw, rival, blurs, contrasts = {}, {}, {}, {}, {}, [], []
    half = max(1, round(edge_smoothing * stature_px))
    band = RowRuns(mask, rows)
    for s in ("left", "right"):
        hip, knee, side = joints.hip_xy[s], joints.knee_xy[s], joints.image_side[s]
        t = (rows - hip[1]) / max(knee[1] - hip[1], 1e-6)
        xref = np.where(rows <= hip[1], hip[0], hip[0] + t * (knee[0] - hip[0]))
        runs = band.at(xref)
        coarse = np.where(runs.found, runs.end if side > 0 else runs.start, np.nan).astype(float)
        edge = refine_edge(rgb, rows, coarse, side, search_px=search, prior=mask_prior)
        raw[s] = edge.u
        rival[s] = edge.rival
        cleaned = median_rows(edge.u, half=max(1, round(median_fraction * stature_px)))
        exact[s] = smooth_rows(cleaned, half=half)
        # The definition works on a binary mask: a pixel is body when mostly covered.
        u[s] = np.round(exact[s])
        run_id[s] = np.where(runs.found, runs.start * 100_000 + runs.end, -1).astype(np.int64)
        blurs.append(edge.blur_px)
        contrasts.append(edge.contrast)
    # Blur softens both sides alike; shading widens only the shadowed one: take the sharper.
    return Traced(
        rows,
        u,
        exact,
        run_id,
        raw,
        2 * half + 1,
        rival,
        search,
        float(np.nanmin(blurs)),
        float(np.nanmin(contrasts)),
    )


def yaw_degrees(traced: Traced, joints: Joints, levels: Levels, qc: quality.QualityConfig) -> float:
    """Body turn estimated from the hip joints' spread against the pelvis width.

    Raises
    ------
    AnalysisError
        ``outline_not_found`` when there is no outline at the hip joints' row.
    """
    rows, u = traced.rows, traced.u
    i = int(np.clip(round(levels.hip_y) - rows[0], 0, len(rows) - 1))
    pelvis = float(u["left"][i] + u["right"][i])
    if not np.isfinite(pelvis) or pelvis <= 0:
        # No outline at the hip joints: say so rather than guess a turn.
        raise AnalysisError(Reason.OUTLINE_NOT_FOUND, "no outline at the hip joints")
    hips = abs(joints.hip_xy["left"][0] - joints.hip_xy["right"][0])
    return quality.yaw_degrees(hips, pelvis, qc)


def torso_widths(traced: Traced) -> npt.NDArray[np.float64]:
    """Torso width per row; inf where both edges are not on the same run of the mask.

    Both outward coordinates add up to the run's length.
    """
    same_run = (traced.run_id["left"] == traced.run_id["right"]) & (traced.run_id["left"] >= 0)
    w = traced.u["left"] + traced.u["right"]
    out: npt.NDArray[np.float64] = np.where(same_run & ~np.isnan(w), w, np.inf)
    return out
