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
