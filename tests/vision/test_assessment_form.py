"""The stored and printed form of an Assessment: the geometry survives a round trip exactly,
and the entry point refuses bad input with a result rather than an exception."""

from __future__ import annotations

import json

import numpy as np
import pytest

from hipdip.vision import (
    AnalysisConfig,
    Assessment,
    DipGrade,
    Geometry,
    Reason,
    Side,
    SideResult,
    View,
    analyze,
)
from hipdip.vision.assessment import Warning_

CFG = AnalysisConfig(check_others=False)


def _through_json(a: Assessment, **kw: bool) -> Assessment:
    return Assessment.from_dict(json.loads(json.dumps(a.to_dict(**kw))))


def test_a_measured_assessment_comes_back_from_its_stored_form(draw):
    rgb, det = draw(dip_left_px=8.0, dip_right_px=5.0, view="front")
    a = analyze(rgb, height_cm=150.0, view="front", detector=det, config=CFG)
    assert a.ok and a.geometry is not None
    back = _through_json(a)
    # The geometry is kept at full precision: exactly the same floats.
    assert back.geometry == a.geometry
    assert back.view is View.FRONT and back.error is None
    # The headline numbers are stored at the contract's precision, and stay there.
    assert back.to_dict() == a.to_dict()
    assert _through_json(back) == back


def test_an_assessment_at_stored_precision_is_restored_exactly():
    geo = Geometry(
        outline_xy={"left": ((710.25, 800.0), (711.0, 801.0)), "right": ((480.5, 800.0),)},
        envelope_xy={"left": ((712.125, 800.0), (712.5, 801.0)), "right": ((479.0, 800.0),)},
        deepest_xy={"left": (711.0, 801.0), "right": None},
        joints_xy={"hip_left": (690.1, 900.2), "hip_right": (510.3, 899.9)},
        level_rows={"waist": 760.0, "crest": 795.0, "hip": 900.05, "midthigh": 1075.0},
        image_size_hw=(1800, 1200),
        image_side={"left": 1, "right": -1},
        body_points_xy={"shoulder_left": (760.0, 420.5)},
        stature_rows=(180.0, 1680.0),
    )
    side = SideResult(
        present=True, depth_mm=7.4, center_mm_rel_hip=-35.0, extent_mm=80.0, grade=DipGrade.MODERATE
    )
    a = Assessment(
        image="a.jpg",
        ok=True,
        view=View.BACK,
        height_cm=168.0,
        mm_per_px=1.12,
        sides={Side.LEFT: side, Side.RIGHT: side},
        warnings=(Warning_(Reason.BLURRED, "soft edges"),),
        timing_ms={"decode": 12.0},
        geometry=geo,
    )
    assert _through_json(a) == a


def test_a_refusal_comes_back_with_its_reason():
    a = analyze(np.full((900, 600, 3), 128, np.uint8), height_cm=170, view="front", config=CFG)
    assert not a.ok and a.error is Reason.NO_PERSON
    back = _through_json(a)
    assert back == Assessment.from_dict(a.to_dict())
    assert back.error is Reason.NO_PERSON and back.error_message == a.error_message
    assert back.geometry is None and back.sides is None


def test_the_cli_form_leaves_the_geometry_out_unless_asked(draw):
    rgb, det = draw()
    a = analyze(rgb, height_cm=150.0, view="back", detector=det, config=CFG)
    assert "geometry" not in a.to_dict(include_geometry=False)
    assert a.to_dict()["geometry"]["image_size_hw"] == [1800, 1200]
    assert Assessment.from_dict(a.to_dict(include_geometry=False)).geometry is None


@pytest.mark.parametrize(
    ("height", "view", "reason"),
    [
        (99.9, "front", Reason.INVALID_HEIGHT),
        ("tall", "front", Reason.INVALID_HEIGHT),
        (float("nan"), "back", Reason.INVALID_HEIGHT),
        (170, "side", Reason.INVALID_VIEW),
    ],
)
def test_bad_inputs_are_a_refusal_not_an_exception(height, view, reason):
    a, rgb = analyze(b"not read", height_cm=height, view=view, return_image=True)
    assert not a.ok and a.error is reason and rgb is None
    assert a.timing_ms == {}  # nothing was decoded


def test_a_numeric_string_height_from_a_manifest_is_accepted(draw):
    rgb, det = draw()
    a, pixels = analyze(
        rgb, height_cm="150", view="auto", detector=det, config=CFG, return_image=True
    )
    assert a.ok and a.height_cm == 150.0 and a.view is View.BACK
    assert pixels is not None and pixels.shape == rgb.shape


def test_an_undecodable_file_is_a_refusal_with_no_pixels():
    a, rgb = analyze(b"\x89PNG broken", height_cm=170, view="front", return_image=True)
    assert a.error is Reason.UNSUPPORTED_FORMAT or a.error is Reason.CORRUPT_IMAGE
    assert rgb is None and set(a.timing_ms) == {"decode"}
