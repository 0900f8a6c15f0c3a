"""The 90 % depth interval: properties that hold for any profile, and presence."""

from __future__ import annotations

import numpy as np
import pytest

from hipdip.vision.conventions import Presence
from hipdip.vision.measure import levels_from_joints, measure_dip
from hipdip.vision.uncertainty import (
    UncertaintyConfig,
    depth_uncertainty,
    edge_noise_px,
    presence,
)

HIPS = ((515.0, 900.0), (685.0, 900.0))
KNEES = ((510.0, 1250.0), (690.0, 1250.0))
LEVELS = levels_from_joints(HIPS, KNEES)


def _profile(rng: np.random.Generator, dip_px: float) -> tuple[np.ndarray, np.ndarray]:
    """A lateral outline from the waist to mid-thigh with a Gaussian dip, whole pixels."""
    rows = np.arange(760, int(LEVELS.midthigh_y) + 1, dtype=np.int64)
    y = rows.astype(float)
    u = np.where(y < 795, 120 + (y - 760) * 30 / 35, 150 + (y - 795) * 25 / 125)
    u = np.where(y > 920, 175 - (y - 920) * 65 / 330, u)
    u = u - dip_px * np.exp(-(((y - rng.uniform(830, 890)) / rng.uniform(18, 35)) ** 2))
    return rows, np.round(u + rng.normal(0, 0.3, len(u)))


def _interval(rows, u, **kw):
    m = measure_dip(rows, u, hip_y=900.0, levels=LEVELS, mm_per_px=kw.get("mm_per_px", 1.0))
    assert m is not None
    args = {"mm_per_px": 1.0, "noise_px": 0.3, "smooth_rows": 9} | kw
    return m.depth_mm, depth_uncertainty(rows, u, depth_mm=m.depth_mm, levels=LEVELS, **args)


@pytest.mark.parametrize("seed", range(12))
def test_the_interval_holds_the_depth_and_never_goes_below_zero(seed):
    rng = np.random.default_rng(seed)
    rows, u = _profile(rng, rng.uniform(0, 20))
    depth, iv = _interval(rows, u)
    assert 0.0 <= iv.low_mm <= depth <= iv.high_mm
    assert iv.sigma_mm > 0


@pytest.mark.parametrize("seed", range(6))
def test_the_interval_widens_with_edge_noise_a_busy_background_and_coarser_pixels(seed):
    rows, u = _profile(np.random.default_rng(seed), 8.0)
    _, base = _interval(rows, u)
    _, noisy = _interval(rows, u, noise_px=3.0)
    _, busy = _interval(rows, u, rival=0.6, search_px=12)
    _, coarse = _interval(rows, u, mm_per_px=2.0)
    width = base.high_mm - base.low_mm
    assert noisy.high_mm - noisy.low_mm > width
    assert busy.high_mm - busy.low_mm > width + 10
    assert coarse.high_mm - coarse.low_mm > width


def test_the_calibration_factor_scales_the_half_width():
    rows, u = _profile(np.random.default_rng(1), 10.0)
    depth, one = _interval(rows, u, config=UncertaintyConfig(calibration=1.0))
    _, two = _interval(rows, u, config=UncertaintyConfig(calibration=2.0))
    assert two.high_mm - depth == pytest.approx(2 * (one.high_mm - depth))


def test_edge_noise_is_the_robust_scatter_about_the_smoothed_edge():
    rng = np.random.default_rng(3)
    smooth = np.linspace(100, 140, 400)
    raw = smooth + rng.normal(0, 0.8, 400)
    raw[50:53] += 40  # a few rows on a stray edge do not inflate it
    assert edge_noise_px(raw, smooth) == pytest.approx(0.8, rel=0.15)


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (3.0, 6.0, Presence.PRESENT),
        (0.0, 2.9, Presence.ABSENT),
        (1.5, 4.5, Presence.UNCERTAIN),
    ],
)
def test_presence_is_uncertain_only_when_the_interval_straddles_3_mm(low, high, expected):
    assert presence(low, high) is expected
