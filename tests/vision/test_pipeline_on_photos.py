"""The whole pipeline, with the bundled model, on dataset photos and on broken variants."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from hipdip.vision import Reason, analyze

FIXTURES = Path(__file__).parents[1] / "fixtures" / "photos"
RECORDS = json.loads((FIXTURES / "truth.json").read_text())["records"]


def _bgr(name: str) -> np.ndarray:
    return cv2.imread(str(FIXTURES / name), cv2.IMREAD_COLOR)


def _jpeg(bgr: np.ndarray) -> bytes:
    ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, 92])
    assert ok
    return buf.tobytes()


@pytest.mark.parametrize("rec", RECORDS, ids=[r["file"] for r in RECORDS])
def test_dataset_photo_is_measured_close_to_its_truth(rec):
    a = analyze(FIXTURES / rec["file"], height_cm=rec["height_cm"], view=rec["view"])
    assert a.ok, a.error_message
    assert a.mm_per_px == pytest.approx(rec["mm_per_px"], rel=0.04)
    for side in ("left", "right"):
        assert a.sides[side].depth_mm == pytest.approx(rec["sides"][side]["depth_mm"], abs=2.5)
    assert set(a.timing_ms) == {"decode", "detect", "measure"}


def test_sides_are_anatomical_so_a_marked_right_dip_stays_on_the_right():
    # b0004: the subject's right dip is 21 mm, the left about 5 mm (front view: right on the
    # image's left).
    a = analyze(FIXTURES / "b0004_front.jpg", height_cm=206.52, view="front")
    assert a.sides["right"].depth_mm > 15 > 8 > a.sides["left"].depth_mm


def test_view_auto_recognises_front_and_back():
    assert analyze(FIXTURES / "b0004_front.jpg", height_cm=180, view="auto").view == "front"
    assert analyze(FIXTURES / "b0012_back.jpg", height_cm=165, view="auto").view == "back"


def test_a_wrong_view_is_flagged():
    a = analyze(FIXTURES / "b0012_back.jpg", height_cm=165, view="front")
    assert a.ok
    assert Reason.VIEW_MISMATCH in {w.code for w in a.warnings}


def test_json_form_follows_the_cli_contract():
    a = analyze(FIXTURES / "b0019_front.jpg", height_cm=160, view="front").to_dict(
        include_geometry=False
    )
    assert list(a) == [
        "image",
        "ok",
        "error",
        "view",
        "height_cm",
        "mm_per_px",
        "sides",
        "warnings",
        "timing_ms",
    ]
    assert set(a["sides"]["left"]) == {
        "present",
        "presence",
        "depth_interval_mm",
        "depth_mm",
        "center_mm_rel_hip",
        "extent_mm",
        "grade",
    }
    json.dumps(a)


def test_photo_without_a_person_is_refused():
    a = analyze(np.full((1800, 1200, 3), 128, np.uint8), height_cm=170, view="front")
    assert not a.ok
    assert a.error is Reason.NO_PERSON
    assert a.sides is None


def test_two_people_in_the_frame_are_refused():
    one = cv2.resize(_bgr("b0019_front.jpg"), (600, 900))
    pair = np.hstack([one, _bgr("b0004_front.jpg")[::2, ::2]])
    a = analyze(_jpeg(pair), height_cm=170, view="front")
    assert not a.ok
    assert a.error is Reason.SEVERAL_PEOPLE


def test_head_cut_off_is_refused():
    img = _bgr("b0019_front.jpg")[330:]
    a = analyze(_jpeg(img), height_cm=170, view="front")
    assert a.error in {Reason.HEAD_CUT_OFF, Reason.NO_PERSON}


def test_feet_cut_off_is_refused():
    img = _bgr("b0021_back.jpg")[:1450]
    a = analyze(_jpeg(img), height_cm=170, view="back")
    assert not a.ok
    assert a.error is Reason.FEET_CUT_OFF


def test_a_tiny_photo_is_refused_as_too_small():
    img = cv2.resize(_bgr("b0019_front.jpg"), (200, 300), interpolation=cv2.INTER_AREA)
    a = analyze(_jpeg(img), height_cm=170, view="front")
    assert not a.ok
    assert a.error in {Reason.IMAGE_TOO_SMALL, Reason.NO_PERSON}


@pytest.mark.parametrize("height", [99.9, 250.1, -5, float("nan"), "tall", None])
def test_heights_outside_100_to_250_cm_are_refused(height):
    a = analyze(FIXTURES / "b0019_front.jpg", height_cm=height, view="front")
    assert a.error is Reason.INVALID_HEIGHT
    assert "100 and 250" in a.error_message


def test_an_unknown_view_is_refused():
    a = analyze(FIXTURES / "b0019_front.jpg", height_cm=170, view="side")
    assert a.error is Reason.INVALID_VIEW


def test_the_same_photo_gives_the_same_result():
    one = analyze(FIXTURES / "b0012_back.jpg", height_cm=165, view="back").to_dict()
    two = analyze(FIXTURES / "b0012_back.jpg", height_cm=165, view="back").to_dict()
    one.pop("timing_ms"), two.pop("timing_ms")
    assert one == two
