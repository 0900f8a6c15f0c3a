"""The edge re-found in the photo: held to the body against stripes and frames beside it."""

from __future__ import annotations

import numpy as np
import pytest

from hipdip.vision.outline import median_rows, refine_edge

SKIN, WALL, STRIPE = (205, 160, 135), (120, 130, 140), (20, 120, 40)


def _photo(edge_col: float, stripe_at: int | None = None, stripes: bool = False) -> np.ndarray:
    """400 rows: body (skin, shaded towards its rim) left of `edge_col`, wall to the right."""
    h, w = 400, 300
    cols = np.arange(w, dtype=float)
    cover = np.clip(edge_col - cols, 0.0, 1.0)  # exact coverage of the edge pixel
    shade = 1.0 - 0.25 * np.clip((cols - (edge_col - 25)) / 25, 0, 1)  # darker rim
    body = np.asarray(SKIN, float)[None, :] * shade[:, None]
    wall = np.tile(np.asarray(WALL, float), (w, 1))
    if stripes:  # a wallpaper of 4 px stripes
        wall[(cols.astype(int) // 4) % 2 == 1] = STRIPE
    if stripe_at is not None:  # a door frame standing just beside the body
        wall[stripe_at : stripe_at + 6] = STRIPE
    row = cover[:, None] * body + (1 - cover[:, None]) * wall
    return np.broadcast_to(np.round(row).astype(np.uint8), (h, w, 3)).copy()


def _trace(rgb: np.ndarray, coarse_col: float) -> np.ndarray:
    rows = np.arange(rgb.shape[0], dtype=np.int64)
    coarse = np.full(len(rows), coarse_col)
    return refine_edge(rgb, rows, coarse, 1, search_px=12, prior=1.0).u


@pytest.mark.parametrize("coarse_offset", [-4.0, 0.0, 4.0])
def test_the_edge_is_found_to_a_fraction_of_a_pixel_from_a_coarse_start(coarse_offset):
    u = _trace(_photo(150.4), 150 + coarse_offset)
    assert np.median(u) == pytest.approx(150.4, abs=0.3)


def test_a_door_frame_beside_the_body_does_not_pull_the_edge():
    u = _trace(_photo(150.4, stripe_at=157), 152.0)
    assert np.median(np.abs(u - 150.4)) < 0.5


def test_striped_wallpaper_is_seen_as_a_rival_to_the_edge():
    plain = refine_edge(_photo(150.4), np.arange(400), np.full(400, 150.0), 1, search_px=12)
    busy = refine_edge(
        _photo(150.4, stripes=True), np.arange(400), np.full(400, 150.0), 1, search_px=12
    )
    assert plain.rival < 0.2 < busy.rival


def test_the_running_median_removes_a_short_excursion_and_keeps_the_course():
    u = np.linspace(100.0, 140.0, 200)
    hopped = u.copy()
    hopped[80:86] += 15.0  # six rows on another edge
    out = median_rows(hopped, half=8)
    # Gone to within a few rows' worth of the ramp's slope (0.2 px per row).
    assert np.max(np.abs(out - u)) < 1.5
    assert np.max(np.abs(out[:70] - u[:70])) < 1e-9  # away from it, nothing changes
