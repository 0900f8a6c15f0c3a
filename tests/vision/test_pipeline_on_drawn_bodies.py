"""The whole pipeline on silhouettes drawn in code: known depths come back."""

from __future__ import annotations

import cv2
import pytest

from hipdip.vision import AnalysisConfig, Reason, analyze

# The whole-frame person check needs real people; it is exercised on photos elsewhere.
CFG = AnalysisConfig(check_others=False)
TOL_MM = 1.0  # the definition works on whole pixels: a straight slanted edge alone
# leaves staircase gaps of up to one pixel under its envelope
FLAT_MM = 1.5  # a body without a dip: staircase gaps only, well under presence (3 mm)


@pytest.mark.parametrize("depth", [4.0, 8.0, 14.0])
def test_known_dip_depth_comes_back_within_tolerance(draw, depth):
    rgb, det = draw(dip_left_px=depth, dip_right_px=depth)
    a = analyze(rgb, height_cm=150.0, view="back", detector=det, config=CFG)
    assert a.ok, a.error_message
    assert a.mm_per_px == pytest.approx(1.0, rel=0.01)
    for side in ("left", "right"):
        assert a.sides[side].depth_mm == pytest.approx(depth, abs=TOL_MM)
        assert a.sides[side].present
        # the deepest point sits 50 px above the hip joints (flat-topped: a few rows tie)
        assert a.sides[side].center_mm_rel_hip == pytest.approx(50.0, abs=8.0)


@pytest.mark.parametrize("view", ["front", "back"])
def test_each_anatomical_side_is_measured_on_its_own(draw, view):
    rgb, det = draw(dip_left_px=10.0, dip_right_px=3.0, view=view)
    a = analyze(rgb, height_cm=150.0, view=view, detector=det, config=CFG)
    assert a.ok, a.error_message
    assert a.sides["left"].depth_mm == pytest.approx(10.0, abs=TOL_MM)
    assert a.sides["right"].depth_mm == pytest.approx(3.0, abs=TOL_MM)
    assert a.sides["left"].grade == "marked"


def test_no_dip_gives_a_near_zero_depth_that_is_not_present(draw):
    rgb, det = draw(dip_left_px=0.0, dip_right_px=0.0)
    a = analyze(rgb, height_cm=150.0, view="back", detector=det, config=CFG)
    assert a.ok
    for side in ("left", "right"):
        assert a.sides[side].depth_mm < FLAT_MM
        assert not a.sides[side].present
        assert a.sides[side].grade == "none"


def test_the_waist_curve_is_never_counted_as_a_dip(draw):
    # A deep, narrow waist above the crest and no dip below it.
    rgb, det = draw(dip_left_px=0.0, dip_right_px=0.0, waist_half=90.0)
    a = analyze(rgb, height_cm=150.0, view="back", detector=det, config=CFG)
    assert a.ok
    assert max(a.sides[s].depth_mm for s in ("left", "right")) < FLAT_MM


def test_scale_follows_the_stated_height(draw):
    rgb, det = draw(dip_left_px=8.0, dip_right_px=8.0)
    a = analyze(rgb, height_cm=180.0, view="back", detector=det, config=CFG)
    assert a.mm_per_px == pytest.approx(1.2, rel=0.01)
    assert a.sides["left"].depth_mm == pytest.approx(9.6, abs=TOL_MM * 1.2)


def test_a_coarse_model_mask_is_refined_to_the_photo_edge(draw):
    # A mask computed at 1/16 resolution is off by several pixels; the traced edge is not.
    rgb, det = draw(dip_left_px=6.0, dip_right_px=6.0, coarse=16)
    a = analyze(rgb, height_cm=150.0, view="back", detector=det, config=CFG)
    assert a.sides["left"].depth_mm == pytest.approx(6.0, abs=TOL_MM)


def test_hands_resting_on_the_hips_are_refused(draw):
    rgb, det = draw(arm_wrist_offset=185.0)
    a = analyze(rgb, height_cm=150.0, view="back", detector=det, config=CFG)
    assert not a.ok
    assert a.error is Reason.ARMS_TOUCHING_HIPS


def test_a_blurred_photo_is_refused_rather_than_measured(draw):
    rgb, det = draw()
    blurred = cv2.GaussianBlur(rgb, (0, 0), 8)
    a = analyze(blurred, height_cm=150.0, view="back", detector=det, config=CFG)
    assert not a.ok
    assert a.error is Reason.BLURRED


def test_a_slightly_soft_photo_is_measured_with_a_warning(draw):
    rgb, det = draw()
    soft = cv2.GaussianBlur(rgb, (0, 0), 3.0)
    a = analyze(soft, height_cm=150.0, view="back", detector=det, config=CFG)
    assert a.ok
    assert Reason.BLURRED in {w.code for w in a.warnings}


def test_the_result_carries_geometry_for_the_overlay(draw):
    rgb, det = draw()
    a = analyze(rgb, height_cm=150.0, view="back", detector=det, config=CFG)
    geo = a.geometry
    assert geo is not None
    assert set(geo.joints_xy) == {"hip_left", "hip_right", "knee_left", "knee_right"}
    assert geo.deepest_xy["left"] is not None
    # in a back view the subject's left is on the image's left
    assert geo.deepest_xy["left"][0] < 600 < geo.deepest_xy["right"][0]


def test_a_degenerate_pelvis_width_is_an_error_not_a_turn():
    from hipdip.vision.quality import QualityConfig, yaw_degrees

    with pytest.raises(ValueError, match="pelvis width"):
        yaw_degrees(100.0, 0.0, QualityConfig())
    assert yaw_degrees(104.0, 200.0, QualityConfig()) < 5.0  # square-on: hips half the pelvis
