"""How sure a depth is: a 90 % interval from the measurement's own sensitivities.

Every term is computed on the photo at hand, then one calibration factor (fitted once on
the visible datasets, see docs/analyser.md) scales their combination to 90 % coverage:

- edge noise: the scatter of the traced edge about its smoothed course, reduced by the
  smoothing, for the deepest point and the envelope's two anchors;
- whole-pixel rounding of the outline (the definition works on a binary mask): uniform
  +-0.5 px, which is what the pixel size in mm contributes;
- the reference levels: the depth re-measured with the hip and knee points moved by their
  typical error (the crest and mid-thigh levels follow them);
- the scale: the stature in pixels is known to about 2 %;
- a busy background: where other colour steps near the body compete with the chosen edge
  (`outline.EdgeTrace.rival`, their strength against the edge's), the edge may sit anywhere
  in the search window; the term is that ratio times the window's full width.

The depth is also re-measured with the profile tilted by a small angle either way (camera
roll, a body leaning a little). That is not an error against the definition, which is
taken on the photo as it is, so it stays out of the interval; a depth that changes
grossly under it is not a stable dip, and the plausibility check refuses it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from hipdip.vision.conventions import Presence
from hipdip.vision.measure import DipConfig, FloatArray, IntArray, Levels, dip_depth_px


@dataclass(frozen=True)
class UncertaintyConfig:
    """Inputs of the interval. Fractions of the thigh length L unless named otherwise."""

    #: Typical error of the model's hip points (about 1 cm on a 40 cm thigh).
    hip_sigma: float = 0.03
    #: Typical error of the knee points (a few centimetres).
    knee_sigma: float = 0.06
    #: Tilt of the profile tried either way, degrees.
    tilt_deg: float = 2.0
    #: Relative error of the scale (stature in pixels, stated height to the centimetre).
    scale_sigma: float = 0.02
    #: z for a two-sided 90 % normal interval.
    z90: float = 1.645
    #: The single calibration factor on the combined sigma: the smallest round value that
    #: gives at least 90 % coverage on each visible set (synth-v1, the protocol set's
    #: measure photos, wide-condition variants including busy backgrounds) with a margin:
    #: 1.0 gives 90.6 % on busy backgrounds, 1.1 gives 91.7 % there and 93-97 % elsewhere
    #: (docs/analyser.md).
    calibration: float = 1.1


@dataclass(frozen=True)
class DepthUncertainty:
    """Sigma per term (mm), the interval and the spread of the re-measured depths."""

    sigma_mm: float
    low_mm: float
    high_mm: float
    #: Largest change of the depth when the profile is tilted either way (mm).
    spread_mm: float
    terms_mm: dict[str, float]


def edge_noise_px(raw: FloatArray, smooth: FloatArray) -> float:
    """Robust scatter (pixels) of the traced edge about its smoothed course."""
    d = (raw - smooth)[np.isfinite(raw) & np.isfinite(smooth)]
    if len(d) < 5:
        return float("nan")
    return float(1.4826 * np.median(np.abs(d - np.median(d))))


def _tilted(rows: IntArray, u: FloatArray, centre_y: float, deg: float) -> FloatArray:
    """The profile (y, u) rotated by `deg` about (centre_y, u at centre), back on `rows`."""
    t = math.radians(deg)
    c, s = math.cos(t), math.sin(t)
    uc = float(np.interp(centre_y, rows, u))
    y = rows - centre_y
    v = u - uc
    yr, ur = c * y - s * v, s * y + c * v
    order = np.argsort(yr)
    out: FloatArray = np.interp(y, yr[order], ur[order]) + uc
    return np.round(out)


def depth_uncertainty(
    rows: IntArray,
    u: FloatArray,
    *,
    depth_mm: float,
    levels: Levels,
    mm_per_px: float,
    noise_px: float,
    smooth_rows: int,
    rival: float = 0.0,
    search_px: int = 0,
    dip: DipConfig | None = None,
    config: UncertaintyConfig | None = None,
) -> DepthUncertainty:
    """The 90 % interval of one side's depth.

    Parameters
    ----------
    rows : (N,) increasing image rows from the waist to the end of the trace.
    u : (N,) whole-pixel outward coordinate of the outline on those rows.
    depth_mm : the reported depth.
    levels : the reference levels used for the depth.
    mm_per_px : millimetres per pixel at the body plane.
    noise_px : edge scatter per row (`edge_noise_px`); NaN counts as one pixel.
    smooth_rows : number of rows the edge was averaged over.
    rival, search_px : competing background steps against the edge, and the search
        half-width in pixels (see `outline.EdgeTrace`).
    """
    dip = dip or DipConfig()
    config = config or UncertaintyConfig()
    noise = 1.0 if not np.isfinite(noise_px) else noise_px
    # Deepest point and envelope (interpolated between two anchors): about 1.5 variances.
    edge = noise / math.sqrt(max(smooth_rows, 1)) * math.sqrt(1.5) * mm_per_px
    rounding = math.sqrt(1.5 / 12.0) * mm_per_px
    thigh = levels.thigh_px

    def redo(lv: Levels, uu: FloatArray = u) -> float:
        sel = rows <= math.floor(lv.midthigh_y)
        d = dip_depth_px(rows[sel], uu[sel], lv)
        return depth_mm if d is None else d * mm_per_px

    def moved(d_hip: float, d_knee: float) -> Levels:
        hip_y2, knee_y2 = levels.hip_y + d_hip, levels.knee_y + d_knee
        L = knee_y2 - hip_y2
        return replace(
            levels,
            hip_y=hip_y2,
            knee_y=knee_y2,
            thigh_px=L,
            crest_y=hip_y2 - dip.crest_level * L,
            midthigh_y=hip_y2 + dip.midthigh_level * L,
        )

    dh, dk = config.hip_sigma * thigh, config.knee_sigma * thigh
    hip_pm = (redo(moved(dh, 0.0)), redo(moved(-dh, 0.0)))
    knee_pm = (redo(moved(0.0, dk)), redo(moved(0.0, -dk)))
    tilt_pm = (
        redo(levels, _tilted(rows, u, levels.hip_y, config.tilt_deg)),
        redo(levels, _tilted(rows, u, levels.hip_y, -config.tilt_deg)),
    )
    terms = {
        "edge": edge,
        "rounding": rounding,
        "hip_level": abs(hip_pm[0] - hip_pm[1]) / 2,
        "knee_level": abs(knee_pm[0] - knee_pm[1]) / 2,
        "scale": config.scale_sigma * depth_mm,
        # Anywhere within the search window, from -search_px to +search_px.
        "background": rival * 2 * search_px * mm_per_px,
    }
    sigma = math.sqrt(sum(v * v for v in terms.values()))
    half = config.calibration * config.z90 * sigma
    spread = max(abs(d - depth_mm) for d in tilt_pm)
    return DepthUncertainty(
        sigma_mm=sigma,
        low_mm=max(0.0, depth_mm - half),
        high_mm=depth_mm + half,
        spread_mm=spread,
        terms_mm=terms,
    )


def presence(low_mm: float, high_mm: float, present_mm: float = 3.0) -> Presence:
    """Three-valued presence: uncertain when the interval straddles the definition's 3 mm."""
    if low_mm >= present_mm:
        return Presence.PRESENT
    if high_mm < present_mm:
        return Presence.ABSENT
    return Presence.UNCERTAIN
