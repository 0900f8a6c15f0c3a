"""Trace the lateral body outline at full resolution, starting from a coarse person mask.

The model's mask is computed at low resolution and its edges are off by a few pixels, which
is the size of a hip dip. Each row's edge is re-found in the photo itself: the strongest
colour step from body to background near the coarse edge, kept continuous from row to row,
then located to a fraction of a pixel from the partly covered edge pixel.
Coordinates are (row, column); `side` is +1 for the image's right edge, -1 for its left.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Runs:
    """For each row, the run of mask pixels `[start, end)` containing a reference column.

    Rows where no mask pixel lies within 3 px of the reference column have start = end = -1.
    """

    start: IntArray
    end: IntArray

    @property
    def found(self) -> npt.NDArray[np.bool_]:
        """Rows where a run was found."""
        return self.start >= 0


class RowRuns:
    """Run boundaries of a band of mask rows, computed once and queried per side.

    For every pixel of rows `rows`, the column of the nearest background pixel to its left and
    to its right; the run containing a body pixel is then read off directly.
    """

    def __init__(self, mask: npt.NDArray[np.bool_], rows: IntArray) -> None:
        m = mask[rows]
        cols = np.nonzero(m.any(axis=0))[0]
        # Work only on the body's column span (plus a background column either side).
        self.c0 = max(int(cols[0]) - 1, 0) if len(cols) else 0
        c1 = min(int(cols[-1]) + 2, mask.shape[1]) if len(cols) else 1
        self.m = m[:, self.c0 : c1]
        w = self.m.shape[1]
        # int16 halves the memory the two scans stream through (photos are at most
        # 12,000 px wide, see `LoadLimits`), and so about halves their time.
        dt = np.int16 if w < np.iinfo(np.int16).max else np.int32
        idx = np.arange(w, dtype=dt)
        self.left_false = np.maximum.accumulate(np.where(self.m, dt(-1), idx), axis=1)
        rev = np.where(self.m, dt(w), idx)[:, ::-1]
        self.right_false = np.minimum.accumulate(rev, axis=1)[:, ::-1]
        self.width = mask.shape[1]

    def at(self, xref: FloatArray) -> Runs:
        """Runs containing column `xref` per row, or the nearest within 3 px."""
        n, w = self.m.shape
        x0 = np.round(xref).astype(np.int64) - self.c0
        r = np.arange(n)
        x = np.full(n, -1, np.int64)
        for dx in (0, 1, -1, 2, -2, 3, -3):
            cand = x0 + dx
            ok = (x < 0) & (cand >= 0) & (cand < w)
            hit = np.zeros(n, bool)
            hit[ok] = self.m[r[ok], cand[ok]]
            x[hit] = cand[hit]
        found = x >= 0
        xs = np.where(found, x, 0)
        start = np.where(found, self.left_false[r, xs].astype(np.int64) + 1 + self.c0, -1)
        end = np.where(found, self.right_false[r, xs].astype(np.int64) + self.c0, -1)
        return Runs(start=start.astype(np.int64), end=end.astype(np.int64))


def runs_at(mask: npt.NDArray[np.bool_], rows: IntArray, xref: FloatArray) -> Runs:
    """Find, per row, the mask run containing column `xref` (or the nearest within 3 px)."""
    return RowRuns(mask, rows).at(xref)


#: Weight of the body-side colour check in the edge score (see `refine_edge`).
BODY_SIDE_WEIGHT = 0.3


@dataclass(frozen=True)
class EdgeTrace:
    """The refined outline of one side.

    Attributes
    ----------
    u : (N,) outward coordinate of the edge per row (column of the edge for side +1, minus
        the column for side -1), continuous, NaN where the row has no run.
    blur_px : median width of the body-to-background transition, in pixels.
    contrast : median colour difference between body and background at the edge (0-441).
    rival : median over rows of the strongest colour step elsewhere in the search window
        (over 3 px from the chosen edge, outside it) against the chosen step: about 0.1 on a
        plain background, 0.5-1 on a busy one, where the trace may settle on a wrong step.
    """

    u: FloatArray
    blur_px: float
    contrast: float
    rival: float = 0.0


def refine_edge(
    rgb: npt.NDArray[np.uint8],
    rows: IntArray,
    coarse_edge: FloatArray,
    side: int,
    *,
    search_px: int,
    prior: float = 0.0,
) -> EdgeTrace:
    """Re-find the lateral edge near `coarse_edge` (pixel boundary columns) on each row.

    Parameters
    ----------
    rgb : (rows, cols, 3) uint8 photo.
    rows : (n,) int64 image rows to trace.
    coarse_edge : (n,) float64 column of the coarse mask's run end (side +1) or start
        (side -1) on each row, NaN where unknown.
    side : +1 for the image's right edge of the body, -1 for its left.
    search_px : half-width of the search around the coarse edge, in pixels.
    prior : > 0 favours steps near the mask's edge: a candidate at the end of the search
        window needs a step ``1 + prior`` times the photo's typical edge step to win. The
        mask comes from a model that knows what a body is; a door frame or a stripe of the
        wallpaper next to the body is a strong colour step too, but rarely that much
        stronger.

    Returns
    -------
    EdgeTrace
        The sub-pixel outward coordinate per row, the edge width (blur), the contrast and
        the strength of rival steps in the window.
    """
    n = len(rows)
    ok = ~np.isnan(coarse_edge)
    if ok.sum() < 2:
        return EdgeTrace(u=np.full(n, np.nan), blur_px=np.nan, contrast=0.0)
    filled = np.interp(np.arange(n), np.nonzero(ok)[0], coarse_edge[ok])
    centre = np.round(_box(filled, 5)).astype(np.int64)
    R = search_px
    # k indexes pixels outward from the last inside pixel (k = 0) of the smoothed coarse edge.
    ks = np.arange(-2 * R, 2 * R + 4)
    base = centre - 1 if side > 0 else centre
    cols = np.clip(base[:, None] + side * ks[None, :], 0, rgb.shape[1] - 1)
    band = rgb[rows[:, None], cols].astype(np.float32)
    cand = np.arange(-R, R + 1)
    ci = cand + 2 * R
    inside = (band[:, ci - 2] + band[:, ci - 1] + band[:, ci]) / 3.0
    outside = (band[:, ci + 1] + band[:, ci + 2] + band[:, ci + 3]) / 3.0
    step = _colour_distance(inside, outside)
    far_bg = _box_rows(band[:, ks >= R + 4].mean(axis=1), 15)
    bg_dev = _colour_distance(outside, far_bg[:, None, :])
    # The body side is the one we know: a candidate whose inside window already differs
    # from the body colour further in (a door frame or a stripe beside the body) is
    # penalised. Only by a third: shading legitimately darkens the rim of a rounded body.
    deep = _box_rows(np.median(band[:, ks <= -R - 2], axis=1), 15)
    in_dev = _colour_distance(inside, deep[:, None, :])
    score = step - bg_dev - BODY_SIDE_WEIGHT * in_dev
    if prior > 0:
        # The model's mask is semantic: a step far from its edge must be much stronger to win.
        score = score - prior * np.median(step.max(axis=1)) * np.abs(cand)[None, :] / R
    best = _track(score, window=15, slack=2)
    kb = cand[best]
    chosen = step[np.arange(n), best]
    beyond = np.arange(len(cand))[None, :] > best[:, None] + 3
    rival_step = np.where(beyond, step, 0.0).max(axis=1)
    rival = rival_step / np.maximum(chosen, 1e-6)
    u = _subpixel(band, kb + 2 * R, base, kb, side)
    u[~ok] = np.nan
    r = np.arange(n)
    contrast = np.linalg.norm(band[r, kb + 2 * R - 2] - band[r, kb + 2 * R + 3], axis=1)
    blur = edge_width(rgb, rows, side * u, reach=3 * R)
    return EdgeTrace(
        u=u,
        blur_px=blur,
        contrast=float(np.median(contrast[ok])),
        rival=float(np.median(rival[ok])),
    )


def _colour_distance(
    a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]
) -> npt.NDArray[np.float32]:
    """RGB distance over the last axis (as `np.linalg.norm`, in a third of its time)."""
    d = a - b
    out: npt.NDArray[np.float32] = np.sqrt(np.einsum("...k,...k->...", d, d))
    return out


def _track(score: npt.NDArray[np.float32], *, window: int, slack: int) -> IntArray:
    """Per-row best candidate, kept near a running median so stray steps cannot pull it."""
    first = np.argmax(score, axis=1)
    half = window // 2
    padded = np.pad(first, half, mode="edge")
    med = np.median(np.lib.stride_tricks.sliding_window_view(padded, window), axis=1)
    cand = np.arange(score.shape[1])
    near = np.abs(cand[None, :] - med[:, None]) <= slack
    best: IntArray = np.argmax(np.where(near, score, -np.inf), axis=1).astype(np.int64)
    return best


def _subpixel(
    band: npt.NDArray[np.float32], idx: IntArray, base: IntArray, kb: IntArray, side: int
) -> FloatArray:
    """Edge position from the coverage of the pixels around the chosen step."""
    r = np.arange(len(idx))
    # Body colour right at the edge (shading darkens the rim, so nearer is truer); the
    # background from two pixels just past the step.
    fg = band[r, idx - 1]
    bg = 0.5 * (band[r, idx + 3] + band[r, idx + 4])
    d = fg - bg
    dn = (d * d).sum(axis=1) + 1e-6
    cov = np.zeros(len(idx))
    for j in (-1, 0, 1, 2):
        a = ((band[r, idx + j] - bg) * d).sum(axis=1) / dn
        cov += np.clip(a, 0.0, 1.0)
    # Pixel k = kb - 1 starts at column base + kb - 1 (side +1); the edge lies `cov` further out.
    if side > 0:
        u = (base + kb - 1 + cov).astype(np.float64)
    else:
        u = -((base - kb + 2) - cov).astype(np.float64)
    return u


def edge_width(
    rgb: npt.NDArray[np.uint8], rows: IntArray, edge_col: FloatArray, *, reach: int
) -> float:
    """Median 10-90 % width (pixels) of the body-to-background transition at traced edges.

    For a step of height C blurred by a Gaussian of width sigma, the steepest one-pixel
    change is C / (sigma * sqrt(2 pi)) and the 10-90 % width is 2.56 sigma. Sampled on
    every fourth row, `reach` pixels either side of the edge.
    """
    ok = np.nonzero(np.isfinite(edge_col))[0][::4]
    if len(ok) == 0:
        return float("nan")
    w = rgb.shape[1]
    centre = np.round(edge_col[ok]).astype(np.int64)
    offs = np.arange(-reach, reach + 1)
    cols = np.clip(centre[:, None] + offs[None, :], 0, w - 1)
    prof = rgb[rows[ok][:, None], cols].astype(np.float32)
    q = max(2, reach // 4)
    c = np.linalg.norm(prof[:, :q].mean(axis=1) - prof[:, -q:].mean(axis=1), axis=1)
    g = np.linalg.norm(np.diff(prof, axis=1), axis=2).max(axis=1)
    sigma = c / (np.maximum(g, 1e-6) * np.sqrt(2 * np.pi))
    return float(np.median(2.56 * sigma))


def smooth_rows(u: FloatArray, *, half: int) -> FloatArray:
    """Moving average of a per-row edge over 2*half+1 rows, within each unbroken stretch.

    Parameters
    ----------
    u : (n,) float64 edge coordinate per row, NaN where there is none.
    half : half-window in rows.

    Returns
    -------
    (n,) float64, NaN where `u` is NaN.
    """
    out = u.copy()
    ok = np.isfinite(u)
    if not ok.any():
        return out
    # split into stretches of consecutive valid rows so a gap never blends two parts
    idx = np.nonzero(ok)[0]
    breaks = np.nonzero(np.diff(idx) > 1)[0] + 1
    for part in np.split(idx, breaks):
        if len(part) > 2 * half + 1:
            out[part] = _box(u[part], half)
    return out


def median_rows(u: FloatArray, *, half: int) -> FloatArray:
    """Running median of a per-row edge over 2*half+1 rows, within each unbroken stretch.

    An edge that hops for a few rows onto another step (a stripe of the background, a
    garment's inner edge) and back is an excursion narrower than the window; the median
    removes it, while the smooth course of a body outline passes through unchanged.
    """
    out = u.copy()
    ok = np.isfinite(u)
    idx = np.nonzero(ok)[0]
    if len(idx) == 0:
        return out
    breaks = np.nonzero(np.diff(idx) > 1)[0] + 1
    for part in np.split(idx, breaks):
        if len(part) > 2 * half + 1:
            pad = np.pad(u[part], half, mode="edge")
            win = np.lib.stride_tricks.sliding_window_view(pad, 2 * half + 1)
            out[part] = np.median(win, axis=1)
    return out


def _box(v: FloatArray, half: int) -> FloatArray:
    k = np.ones(2 * half + 1) / (2 * half + 1)
    return np.convolve(np.pad(v, half, mode="edge"), k, "valid")


def _box_rows(a: npt.NDArray[np.float32], half: int) -> npt.NDArray[np.float32]:
    """Moving average down the rows of an (N, C) array."""
    pad = np.pad(a, ((half, half), (0, 0)), mode="edge")
    c = np.cumsum(np.vstack([np.zeros((1, a.shape[1]), a.dtype), pad]), axis=0)
    return ((c[2 * half + 1 :] - c[: -2 * half - 1]) / (2 * half + 1)).astype(np.float32)
