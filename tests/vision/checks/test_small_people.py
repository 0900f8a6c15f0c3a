"""A group too small for the pose model at full scale is `several_people`, not `no_person`."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from hipdip.vision import analyze
from hipdip.vision.checks.people import count_small_people
from hipdip.vision.detection import BodyDetection

H, W = 900, 1200
#: Small standing people: (hip x, hip y, nose-to-ankle height) in the frame's pixels.
PEOPLE = [(200.0, 400.0, 150.0), (700.0, 600.0, 180.0), (1000.0, 300.0, 120.0)]


def _skeleton(hx: float, hy: float, span: float, *, upright: bool = True) -> npt.NDArray:
    """(33, 4) landmarks of a person standing with hips at (hx, hy), nose to ankles `span`."""
    lm = np.zeros((33, 4))
    lm[:, 3] = 1.0
    top = hy - 0.45 * span
    rows = {0: 0.0, 11: 0.15, 12: 0.15, 23: 0.45, 24: 0.45, 25: 0.72, 26: 0.72, 27: 1.0, 28: 1.0}
    for i in range(33):
        lm[i, :2] = (hx, top + 0.3 * span)
    for i, r in rows.items():
        dx = 0.1 * span * (1 if i % 2 else -1) if i else 0.0
        lm[i, :2] = (hx + dx, top + (r if upright else 1 - r) * span)
    return lm


class TiledCrowd:
    """Finds a person only when a crop holds them whole, as the real model does with small people.

    `phantom` puts each skeleton on an object whose mask runs the crop's height (what the
    model draws over a rocket). The whole photo gives nothing, as with a far-away group.
    """

    def __init__(self, people: list[tuple[float, float, float]], *, phantom: bool = False) -> None:
        self.people, self.phantom = people, phantom
        self.origin = (0, 0)

    def detect(self, rgb: npt.NDArray[np.uint8]) -> BodyDetection | None:
        h, w = rgb.shape[:2]
        if (h, w) == (H, W):
            return None
        # The crop's origin is marked in its first pixel by the test's photo (see _photo).
        y0, x0 = int(rgb[0, 0, 0]) * 10, int(rgb[0, 0, 1]) * 10
        for hx, hy, span in self.people:
            lm = _skeleton(hx - x0, hy - y0, span)
            top, bottom = lm[0, 1] - 0.15 * span, lm[27, 1] + 0.1 * span
            if top < 0 or bottom >= h or lm[:, 0].min() < 0 or lm[:, 0].max() >= w:
                continue
            mask = np.zeros((h, w), np.float32)
            rows = slice(0, h) if self.phantom else slice(int(top), int(bottom))
            mask[rows, int(hx - x0 - 0.15 * span) : int(hx - x0 + 0.15 * span)] = 1.0
            return BodyDetection(landmarks=lm, mask=mask)
        return None


def _photo() -> npt.NDArray[np.uint8]:
    """A frame whose every pixel holds its own (row, col) / 10, so a crop knows its origin."""
    rows, cols = np.mgrid[0:H, 0:W]
    return np.dstack([rows // 10, cols // 10, np.zeros_like(rows)]).astype(np.uint8)


def test_two_or_more_small_people_are_counted_once_each():
    assert count_small_people(_photo(), TiledCrowd(PEOPLE), upto=5) == 3


def test_one_small_person_is_one():
    assert count_small_people(_photo(), TiledCrowd(PEOPLE[:1]), upto=5) == 1


def test_a_skeleton_drawn_over_a_tall_object_is_no_person():
    assert count_small_people(_photo(), TiledCrowd(PEOPLE, phantom=True), upto=5) == 0


def test_a_skeleton_upside_down_is_no_person():
    class UpsideDown(TiledCrowd):
        def detect(self, rgb: npt.NDArray[np.uint8]) -> BodyDetection | None:
            found = super().detect(rgb)
            if found is None:
                return None
            lm = found.landmarks.copy()
            lm[:, 1] = 2 * lm[23, 1] - lm[:, 1]
            return BodyDetection(landmarks=lm, mask=found.mask)

    assert count_small_people(_photo(), UpsideDown(PEOPLE), upto=5) == 0


@pytest.mark.parametrize(("crowd", "code"), [(PEOPLE, "several_people"), (PEOPLE[:1], "no_person")])
def test_analyze_advises_for_a_group_and_not_for_one_small_person(crowd, code):
    result = analyze(_photo(), height_cm=168, view="front", detector=TiledCrowd(crowd))
    assert not result.ok
    assert result.error == code
