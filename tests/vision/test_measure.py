"""The measurement definition on outlines given as numbers, and on a real mask."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from hipdip.vision.measure import (
    Levels,
    find_waist,
    levels_from_joints,
    measure_dip,
    measure_mask,
    upper_envelope,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "photos"


def _levels() -> Levels:
    return levels_from_joints(((500.0, 900.0), (700.0, 900.0)), ((500.0, 1250.0), (700.0, 1250.0)))


def test_levels_are_the_definitions_fractions_of_the_thigh_length():
    lv = _levels()
    assert lv.thigh_px == 350.0
    assert lv.rib_y == pytest.approx(900 - 0.55 * 350)
    assert lv.crest_y == pytest.approx(900 - 0.30 * 350)
    assert lv.midthigh_y == pytest.approx(900 + 0.50 * 350)
    assert lv.mid_x == 600.0


def test_knees_above_hips_are_rejected():
    with pytest.raises(ValueError, match="knees must be below the hips"):
        levels_from_joints(((0, 900), (10, 900)), ((0, 800), (10, 800)))


def test_upper_envelope_is_the_least_concave_majorant():
    t = np.arange(5, dtype=float)
    u = np.array([0.0, 2.0, 1.0, 2.0, 0.0])
    env = upper_envelope(t, u)
    assert np.all(env >= u)
    np.testing.assert_allclose(env, [0.0, 2.0, 2.0, 2.0, 0.0])


def _straight_with_dip(depth: float, centre: float = 850.0, sigma: float = 25.0):
    rows = np.arange(800, 1076)
    base = 150.0 + (rows - 795) * 0.2
    return rows, base - depth * np.exp(-(((rows - centre) / sigma) ** 2))


def test_dip_depth_is_the_gap_under_a_straight_envelope():
    rows, u = _straight_with_dip(6.0)
    d = measure_dip(rows, u, hip_y=900.0, levels=_levels(), mm_per_px=1.5)
    assert d is not None
    assert d.depth_mm == pytest.approx(6.0 * 1.5, abs=0.15)  # the Gaussian tail lifts one end
    assert d.present
    assert d.deepest_y == 850.0
    assert d.center_mm_rel_hip == pytest.approx(50 * 1.5)


def test_extent_counts_rows_where_the_gap_exceeds_one_millimetre():
    rows, u = _straight_with_dip(4.0)
    d = measure_dip(rows, u, hip_y=900.0, levels=_levels(), mm_per_px=1.0)
    # gap > 1 where 4 exp(-(y/25)^2) > 1  ->  |y| < 25 sqrt(ln 4) = 29.4 rows
    assert d.extent_mm == pytest.approx(59.0, abs=1.0)


def test_a_pocket_whose_deepest_row_is_below_mid_thigh_is_ignored():
    rows = np.arange(800, 1120)
    u = 150.0 + (rows - 795) * 0.2 - 6.0 * np.exp(-(((rows - 1090.0) / 10.0) ** 2))
    d = measure_dip(rows, u, hip_y=900.0, levels=_levels(), mm_per_px=1.0)
    assert d.depth_mm < 0.5


def test_small_dips_are_not_present():
    rows, u = _straight_with_dip(2.5)
    d = measure_dip(rows, u, hip_y=900.0, levels=_levels(), mm_per_px=1.0)
    assert d.depth_mm == pytest.approx(2.5, abs=0.05)
    assert not d.present


def test_too_short_an_outline_gives_no_measurement():
    rows = np.arange(800, 803)
    assert measure_dip(rows, rows * 0.0, hip_y=900, levels=_levels(), mm_per_px=1.0) is None


def test_waist_is_the_narrowest_smoothed_row_between_ribs_and_crest():
    lv = _levels()
    rows = np.arange(700, 900)
    widths = 300.0 + np.abs(rows - 760.0)
    widths[rows > lv.crest_y] = 100.0  # narrower rows below the crest must not count
    assert find_waist(rows, widths, lv) == 760


def test_mask_measurement_matches_the_datasets_truth():
    rec = next(
        r
        for r in json.loads((FIXTURES / "truth.json").read_text())["records"]
        if r["file"] == "b0012_back.jpg"
    )
    mask = cv2.imread(str(FIXTURES / "b0012_back.mask.png"), cv2.IMREAD_GRAYSCALE) > 127
    out = measure_mask(mask, rec["mm_per_px"], rec["landmarks"])
    for side in ("left", "right"):
        truth = rec["sides"][side]
        assert out[side].depth_mm == pytest.approx(truth["depth_mm"], abs=1e-3)
        assert out[side].extent_mm == pytest.approx(truth["extent_mm"], abs=1e-2)
        assert out[side].center_mm_rel_hip == pytest.approx(truth["center_mm_rel_hip"], abs=1e-2)


def test_the_fast_envelope_for_re_measurements_equals_the_reference_one():
    from hipdip.vision.measure import upper_envelope, upper_envelope_fast

    rng = np.random.default_rng(5)
    for i in range(300):
        n = int(rng.integers(3, 400))
        t = np.sort(rng.choice(5000, n, replace=False)).astype(float)
        u = np.round(np.cumsum(rng.normal(0, 2, n)) + rng.normal(0, 1, n) * (i % 3))
        np.testing.assert_array_equal(upper_envelope_fast(t, u), upper_envelope(t, u))
