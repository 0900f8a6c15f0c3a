"""The hip-dip measurement on a traced outline, as defined in DEFINITION.md (hipdip-synth-v1).

Coordinates are (row, column) pixels: `y` is the image row (down), `u` the outward lateral
coordinate of the outline on one side (larger = further from the body midline)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from hipdip.vision.measure.envelope import upper_envelope, upper_envelope_fast
from hipdip.vision.measure.levels import DipConfig, FloatArray, IntArray, Levels, levels_from_joints

#: The definition as is (a frozen dataclass, so one shared default is safe).
_DEFAULT_CONFIG = DipConfig()


def find_waist(
    rows: IntArray, widths: FloatArray, levels: Levels, *, config: DipConfig = _DEFAULT_CONFIG
) -> int | None:
    """Row of the narrowest smoothed torso width between the rib and the crest levels.

    Parameters
    ----------
    rows : (n,) int64 image rows, increasing.
    widths : (n,) float64 torso width in pixels per row; inf where unknown.
    levels : the definition's levels.
    config : smoothing of the widths.

    Returns
    -------
    int or None
        The waist row, or None when no finite width lies between the two levels.
    """
    sel = (rows >= np.ceil(levels.rib_y)) & (rows <= np.floor(levels.crest_y))
    ys, ws = rows[sel], widths[sel]
    if len(ys) == 0:
        return None
    k = max(1, round(config.waist_smoothing * levels.thigh_px))
    if len(ws) > 2 * k + 1:
        ws = np.convolve(np.pad(ws, k, mode="edge"), np.ones(2 * k + 1) / (2 * k + 1), "valid")
    return int(ys[int(np.argmin(ws))])


@dataclass(frozen=True)
class DipMeasurement:
    """The dip on one side. Lengths in mm; rows in pixels of the measured image."""

    depth_mm: float
    present: bool
    center_mm_rel_hip: float | None
    extent_mm: float
    deepest_y: float | None
    anchor_y: float
    rows: tuple[int, ...]
    outline_u: tuple[float, ...]
    envelope_u: tuple[float, ...]


class _Profile(NamedTuple):
    anchor_y: float
    rows: tuple[int, ...]
    outline_u: tuple[float, ...]
    envelope_u: tuple[float, ...]


def measure_dip(
    rows: IntArray,
    u: FloatArray,
    *,
    hip_y: float,
    levels: Levels,
    mm_per_px: float,
    config: DipConfig = _DEFAULT_CONFIG,
) -> DipMeasurement | None:
    """Measure the deepest pocket between the outline and its convex envelope.

    Parameters
    ----------
    rows : (N,) int array of increasing image rows from the waist to the mid-thigh level.
    u : (N,) float array, the outward coordinate of the outline on each row, in pixels.
    hip_y : row of this side's hip joint centre.
    levels : the reference levels.
    mm_per_px : millimetres per pixel on the body plane.

    Returns
    -------
    The measurement, or None when fewer than five outline rows are available.
    """
    pocket = _pocket(rows, u, levels)
    if pocket is None:
        return None
    ys, us, env, gap, best = pocket
    profile = _Profile(
        anchor_y=float(ys[0]),
        rows=tuple(int(y) for y in ys),
        outline_u=tuple(float(v) for v in us),
        envelope_u=tuple(float(v) for v in env),
    )
    if best is None:
        return DipMeasurement(0.0, False, None, 0.0, None, *profile)
    i, j, k = best
    depth = float(gap[k] * mm_per_px)
    thr = config.extent_gap_mm / mm_per_px
    a, b = k, k
    while a - 1 >= i and gap[a - 1] > thr:
        a -= 1
    while b + 1 <= j and gap[b + 1] > thr:
        b += 1
    extent_px = (ys[b] - ys[a] + 1) if gap[k] > thr else 0.0
    return DipMeasurement(
        depth_mm=depth,
        present=depth >= config.present_mm,
        center_mm_rel_hip=float((hip_y - ys[k]) * mm_per_px),
        extent_mm=float(extent_px * mm_per_px),
        deepest_y=float(ys[k]),
        anchor_y=profile.anchor_y,
        rows=profile.rows,
        outline_u=profile.outline_u,
        envelope_u=profile.envelope_u,
    )


def _pocket(
    rows: IntArray, u: FloatArray, levels: Levels, *, fast: bool = False
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, tuple[int, int, int] | None] | None:
    """Rows and outline from the upper anchor, the envelope, the gap and the deepest pocket."""
    if len(rows) < 5:
        return None
    above = np.nonzero(rows <= levels.crest_y)[0]
    a0 = int(above[np.argmax(u[above])]) if len(above) else 0
    ys, us = rows[a0:].astype(np.float64), u[a0:].astype(np.float64)
    if len(ys) < 5:
        return None
    env = upper_envelope_fast(ys, us) if fast else upper_envelope(ys, us)
    gap = env - us
    return ys, us, env, gap, _deepest_pocket(ys, gap, levels.midthigh_y)


def dip_depth_px(rows: IntArray, u: FloatArray, levels: Levels) -> float | None:
    """Only the depth (pixels) of `measure_dip`: for re-measuring under perturbations."""
    pocket = _pocket(rows, u, levels, fast=True)
    if pocket is None:
        return None
    _, _, _, gap, best = pocket
    return 0.0 if best is None else float(gap[best[2]])


def _deepest_pocket(
    ys: FloatArray, gap: FloatArray, midthigh_y: float
) -> tuple[int, int, int] | None:
    """(first, last, deepest) indices of the deepest pocket whose deepest row is above mid-thigh."""
    pos = gap > 1e-9
    best: tuple[int, int, int] | None = None
    i, n = 0, len(ys)
    while i < n:
        if not pos[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and pos[j + 1]:
            j += 1
        k = i + int(np.argmax(gap[i : j + 1]))
        if ys[k] < midthigh_y and (best is None or gap[k] > gap[best[2]]):
            best = (i, j, k)
        i = j + 1
    return best


def measure_mask(
    mask: npt.NDArray[np.bool_],
    mm_per_px: float,
    landmarks: dict[str, tuple[float, float]],
    *,
    config: DipConfig = _DEFAULT_CONFIG,
) -> dict[str, DipMeasurement | None]:
    """Measure both sides on a binary person mask with known joints (the definition as is).

    Parameters
    ----------
    mask : (H, W) bool person mask, upright.
    mm_per_px : millimetres per pixel on the body plane.
    landmarks : image (x, y) of ``hip_left``, ``hip_right``, ``knee_left``, ``knee_right``
        (anatomical sides).

    Returns
    -------
    Per anatomical side, the measurement, or None when the outline is not found.
    """
    from hipdip.vision.outline import RowRuns

    hips = (landmarks["hip_left"], landmarks["hip_right"])
    knees = (landmarks["knee_left"], landmarks["knee_right"])
    lv = levels_from_joints(hips, knees, config=config)
    y0 = max(int(np.ceil(lv.rib_y)), 0)
    y1 = min(int(np.floor(lv.midthigh_y)), mask.shape[0] - 1)
    rows = np.arange(y0, y1 + 1, dtype=np.int64)
    runs = RowRuns(mask, rows)
    torso = runs.at(np.full(len(rows), lv.mid_x))
    widths = np.where(torso.found, torso.end - torso.start, np.inf).astype(np.float64)
    waist = find_waist(rows, widths, lv, config=config)
    out: dict[str, DipMeasurement | None] = {"left": None, "right": None}
    if waist is None:
        return out
    left_on_image_left = hips[0][0] < hips[1][0]
    for side, hip, knee in (("left", hips[0], knees[0]), ("right", hips[1], knees[1])):
        image_right = (side == "left") != left_on_image_left
        t = (rows - hip[1]) / max(knee[1] - hip[1], 1e-6)
        xref = np.where(rows <= hip[1], hip[0], hip[0] + t * (knee[0] - hip[0]))
        r = runs.at(xref)
        u = np.where(image_right, r.end, -r.start).astype(np.float64)
        sel = r.found & (rows >= waist) & (rows <= np.floor(lv.midthigh_y))
        out[side] = measure_dip(
            rows[sel], u[sel], hip_y=hip[1], levels=lv, mm_per_px=mm_per_px, config=config
        )
    return out
