"""The result preview: a local warp whose effect the analyser can check."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hipdip.vision import AnalysisConfig, analyze
from hipdip.vision.loading import load_photo
from hipdip.vision.preview import preview_fill

PHOTO = Path(__file__).parents[1] / "fixtures" / "photos" / "b0012_back.jpg"


@pytest.fixture(scope="module")
def analysed():
    photo = load_photo(PHOTO)
    return photo, analyze(photo, height_cm=165.0, view="back")


@pytest.mark.parametrize("fill", [0.5, 1.0])
def test_reanalysing_a_preview_gives_the_unfilled_share_of_the_depth(analysed, fill):
    photo, before = analysed
    img, _ = preview_fill(photo.rgb, before, fill=fill, label=False)
    after = analyze(load_photo(img), height_cm=165.0, view="back")
    for side in ("left", "right"):
        expected = (1 - fill) * before.sides[side].depth_mm
        # the definition's pixel floor: a filled outline still shows staircase gaps of a
        # pixel or two somewhere along it
        assert after.sides[side].depth_mm == pytest.approx(expected, abs=2.0)


def test_the_warp_moves_no_pixel_outside_the_hip_region(analysed):
    photo, a = analysed
    img, region = preview_fill(photo.rgb, a, fill=1.0, label=False)
    changed = np.any(img != photo.rgb, axis=2)
    inside = np.zeros_like(changed)
    for x0, y0, x1, y1 in region.boxes.values():
        inside[y0:y1, x0:x1] = True
    assert changed.any()
    assert not (changed & ~inside).any()
    lv = a.geometry.level_rows
    ys = np.nonzero(changed.any(axis=1))[0]
    assert lv["waist"] - 5 <= ys.min() and ys.max() <= lv["midthigh"] + 5


def test_zero_fill_changes_nothing_but_the_label(analysed):
    photo, a = analysed
    img, region = preview_fill(photo.rgb, a, fill=0.0, label=False)
    assert region.boxes == {}
    assert np.array_equal(img, photo.rgb)


def test_every_preview_is_labelled_as_a_simulation(analysed):
    photo, a = analysed
    img, _ = preview_fill(photo.rgb, a, fill=0.5)
    assert np.any(img[:40] != photo.rgb[:40])  # the banner across the top
    assert np.any(img[:, 0] != photo.rgb[:, 0])  # the frame


@pytest.mark.parametrize("fill", [-0.1, 1.5])
def test_fill_outside_zero_to_one_is_refused(analysed, fill):
    photo, a = analysed
    with pytest.raises(ValueError, match="between 0 and 1"):
        preview_fill(photo.rgb, a, fill=fill)


def test_a_preview_needs_the_photo_that_was_analysed(analysed):
    photo, a = analysed
    with pytest.raises(ValueError, match="size differs"):
        preview_fill(photo.rgb[:-10], a, fill=0.5)


def test_drawn_body_is_filled_to_its_envelope(draw):
    rgb, det = draw(dip_left_px=10.0, dip_right_px=6.0)
    cfg = AnalysisConfig(check_others=False)
    a = analyze(load_photo(rgb), height_cm=150.0, view="back", detector=det, config=cfg)
    img, _ = preview_fill(rgb, a, fill=0.5, label=False)
    b = analyze(load_photo(img), height_cm=150.0, view="back", detector=det, config=cfg)
    assert b.sides["left"].depth_mm == pytest.approx(5.0, abs=1.0)
    assert b.sides["right"].depth_mm == pytest.approx(3.0, abs=1.0)
