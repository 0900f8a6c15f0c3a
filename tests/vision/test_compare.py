"""Before/after: alignment, the change per side and honest notes."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from hipdip.vision import analyze
from hipdip.vision.compare import blend, compare, side_by_side
from hipdip.vision.loading import load_photo
from hipdip.vision.preview import preview_fill

FIX = Path(__file__).parents[1] / "fixtures" / "photos"


@pytest.fixture(scope="module")
def before():
    photo = load_photo(FIX / "b0012_back.jpg")
    return photo, analyze(photo, height_cm=165.0, view="back")


def _reframed(rgb, scale, dx, dy):
    m = np.float32([[scale, 0, dx], [0, scale, dy]])
    return cv2.warpAffine(rgb, m, (rgb.shape[1], rgb.shape[0]), borderMode=cv2.BORDER_REPLICATE)


def test_the_later_photo_is_aligned_onto_the_earlier_one(before):
    photo, a = before
    moved = _reframed(photo.rgb, 0.95, 30, 40)
    b = analyze(load_photo(moved), height_cm=165.0, view="back")
    c = compare(photo.rgb, a, moved, b)
    # the fitted transform undoes the reframing: scale about 1/0.95
    assert np.hypot(c.transform[0, 0], c.transform[1, 0]) == pytest.approx(1 / 0.95, rel=0.03)
    for side in ("left", "right"):
        assert abs(c.sides[side].change_mm) < 1.5
    assert c.notes == ()


def test_a_filled_dip_shows_as_a_reduction_in_mm_and_percent(before):
    photo, a = before
    after_img, _ = preview_fill(photo.rgb, a, fill=0.6, label=False)
    b = analyze(load_photo(after_img), height_cm=165.0, view="back")
    c = compare(photo.rgb, a, after_img, b)
    deep = max(("left", "right"), key=lambda s: a.sides[s].depth_mm)
    assert c.sides[deep].change_mm < -0.4 * a.sides[deep].depth_mm
    assert c.sides[deep].change_pct < -40


def test_a_much_closer_camera_is_noted(before):
    photo, a = before
    moved = _reframed(photo.rgb, 0.75, 150, 200)
    b = analyze(load_photo(moved), height_cm=165.0, view="back")
    c = compare(photo.rgb, a, moved, b)
    assert any("distance or zoom" in n for n in c.notes)


def test_different_lighting_is_noted(before):
    photo, a = before
    dark = (photo.rgb * 0.6).astype(np.uint8)
    b = analyze(load_photo(dark), height_cm=165.0, view="back")
    assert b.ok
    c = compare(photo.rgb, a, dark, b)
    assert any("lighting" in n for n in c.notes)


def test_front_and_back_cannot_be_compared(before):
    photo, a = before
    other = load_photo(FIX / "b0019_front.jpg")
    b = analyze(other, height_cm=160.0, view="front")
    with pytest.raises(ValueError, match="views differ"):
        compare(photo.rgb, a, other.rgb, b)


def test_blend_and_side_by_side_pictures(before):
    photo, a = before
    c = compare(photo.rgb, a, photo.rgb, a)
    assert np.array_equal(blend(photo.rgb, c, 0.0), photo.rgb)
    pic = side_by_side(photo.rgb, c)
    assert pic.shape[1] > 2 * photo.rgb.shape[1]
    with pytest.raises(ValueError):
        blend(photo.rgb, c, 1.5)


def test_the_picture_prints_every_note_up_to_three_each_on_its_own_line(before):
    import dataclasses

    photo, a = before
    c = compare(photo.rgb, a, photo.rgb, a)
    heights = {}
    for n in (0, 1, 2, 3, 5):
        notes = tuple(f"note number {i}" for i in range(n))
        pic = side_by_side(photo.rgb, dataclasses.replace(c, notes=notes))
        heights[n] = pic.shape[0]
        if n:
            h = photo.rgb.shape[0]
            band = pic[h:]
            inked = np.where((np.abs(band.astype(int) - 250).sum(axis=2) > 60).any(axis=1))[0]
            assert inked.max() > band.shape[0] * 0.7  # the last note sits near the bottom
    assert heights[0] == heights[1] < heights[2] < heights[3] == heights[5]
