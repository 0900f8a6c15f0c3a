"""The overlay picture a surgeon looks at."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image

from hipdip.vision import analyze
from hipdip.vision.loading import load_photo
from hipdip.vision.overlay import overlay_png, render_overlay

PHOTO = Path(__file__).parents[1] / "fixtures" / "photos" / "b0012_back.jpg"


def test_overlay_is_a_png_with_the_photo_and_a_side_panel():
    photo = load_photo(PHOTO)
    a = analyze(photo, height_cm=165, view="back")
    with Image.open(io.BytesIO(overlay_png(photo.rgb, a))) as img:
        assert img.format == "PNG"
        h, w = photo.rgb.shape[:2]
        assert img.size[1] == h and img.size[0] > w


def test_overlay_draws_on_the_hips_and_leaves_the_head_alone():
    photo = load_photo(PHOTO)
    a = analyze(photo, height_cm=165, view="back")
    out = render_overlay(photo.rgb, a)[:, : photo.rgb.shape[1]]
    diff = np.abs(out.astype(int) - photo.rgb.astype(int)).sum(axis=2) > 0
    y = int(a.geometry.deepest_xy["left"][1])
    assert diff[y - 20 : y + 20].any()
    head_rows = diff[: int(a.geometry.level_rows["waist"]) - 200]
    assert head_rows[:, 300:900].mean() < 0.01  # only the dashed level lines cross here


def test_a_failed_analysis_still_gets_a_picture_with_the_reason():
    a = analyze(np.full((900, 600, 3), 90, np.uint8), height_cm=170, view="front")
    png = overlay_png(np.full((900, 600, 3), 90, np.uint8), a)
    with Image.open(io.BytesIO(png)) as img:
        assert img.size[1] == 900


def test_the_phone_layout_has_a_fixed_width_whatever_the_photo_size():
    from hipdip.vision.overlay_phone import PHONE_WIDTH_PX, render_phone_overlay

    photo = load_photo(PHOTO)
    a = analyze(photo, height_cm=165, view="back")
    out = render_phone_overlay(photo.rgb, a)
    assert out.shape[1] == PHONE_WIDTH_PX and out.dtype == np.uint8
    # Portrait, and far smaller than the photo: type drawn at this size stays legible on a
    # phone instead of being shrunk with a 1,800-pixel picture.
    assert out.shape[0] > out.shape[1] and out.shape[0] < photo.rgb.shape[0]


def test_the_phone_layout_magnifies_the_hips_beyond_the_desktop_picture_on_a_phone():
    from hipdip.vision.overlay import hip_inset, render_overlay
    from hipdip.vision.overlay_phone import PHONE_WIDTH_PX

    photo = load_photo(PHOTO)
    a = analyze(photo, height_cm=165, view="back")
    outline = np.asarray(a.geometry.outline_xy["left"])
    hip_rows = outline[:, 1].max() - outline[:, 1].min()
    # The desktop picture squeezed to the phone layout's width...
    desktop_w = render_overlay(photo.rgb, a).shape[1]
    on_phone = hip_rows * PHONE_WIDTH_PX / desktop_w
    # ...against the inset the phone layout draws (two columns of (720 - 3 x 24) / 2 px).
    inset = hip_inset(photo.rgb, a, "left", (PHONE_WIDTH_PX - 72) // 2)
    assert inset is not None
    assert inset.shape[0] > 2 * on_phone


def test_the_phone_layout_of_a_refusal_gives_the_reason_above_the_photo():
    from hipdip.vision.overlay_phone import render_phone_overlay

    rgb = np.full((900, 600, 3), 90, np.uint8)
    a = analyze(rgb, height_cm=170, view="front")
    assert not a.ok
    out = render_phone_overlay(rgb, a)
    assert out.shape[1] == 720
    # The photo thumbnail (flat grey 90) sits below the text band.
    assert (out[-60:-30, 330:390] == 90).all()


def test_the_phone_layout_refuses_a_width_too_narrow_to_read():
    import pytest

    from hipdip.vision.overlay_phone import render_phone_overlay

    with pytest.raises(ValueError, match="at least 320"):
        render_phone_overlay(
            np.zeros((10, 10, 3), np.uint8),
            analyze(np.zeros((10, 10, 3), np.uint8), height_cm=170, view="front"),
            width_px=100,
        )
