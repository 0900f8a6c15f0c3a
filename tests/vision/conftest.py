"""Silhouettes drawn in code, and a stand-in detector that 'finds' them.

The body is a union of horizontal runs per row with sub-pixel edges, rasterised with exact
pixel coverage (anti-aliased like a photo). The lateral hip outline is a straight line from
the iliac crest to the trochanter with a Gaussian indentation of known depth, so the
definition's envelope is that straight line and the dip depth is known in advance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt
import pytest

from hipdip.vision import detection as lmk
from hipdip.vision.detection import BodyDetection

H, W, CX = 1800, 1200, 600.0
HEAD_TOP, FEET = 180.0, 1680.0  # stature 1500 px: 150 cm -> 1 mm per px
HIP_Y, KNEE_Y = 900.0, 1250.0  # L = 350: rib 707.5, crest 795, mid-thigh 1075
SKIN, BACKGROUND = (214, 172, 146), (96, 108, 122)


@dataclass(frozen=True)
class Body:
    """Parameters of a drawn body; depths in pixels (= mm at 150 cm)."""

    dip_left_px: float = 8.0
    dip_right_px: float = 8.0
    dip_row: float = 850.0
    dip_sigma: float = 25.0
    view: str = "back"
    waist_half: float = 120.0
    arm_wrist_offset: float = 330.0  # horizontal distance of the wrists from the midline
    extra: dict[str, float] = field(default_factory=dict)

    def left_on_image_right(self) -> bool:
        return self.view == "front"


def _outer(y: npt.NDArray[np.float64], body: Body, dip_px: float) -> npt.NDArray[np.float64]:
    """Outward distance of the lateral outline from the midline, per row."""
    w = body.waist_half
    crest_u, troch_u = w + 30.0, w + 55.0
    u = np.where(
        y < 740,
        w + 0.5 * (740 - y),  # chest narrowing to the waist
        np.where(
            y < 795,
            w + (y - 740) * 30.0 / 55.0,  # waist to crest
            np.where(
                y < 920,
                crest_u + (y - 795) * 25.0 / 125.0,  # crest to trochanter
                troch_u - (y - 920) * 65.0 / 330.0,
            ),
        ),
    )  # thigh to knee
    u = np.where(y > 1250, troch_u - 65.0 - (y - 1250) * 20.0 / 350.0, u)
    u = np.where(y < 400, np.minimum(u, 40.0 + (y - 330) * 130.0 / 70.0), u)
    dip = dip_px * np.exp(-(((y - body.dip_row) / body.dip_sigma) ** 2))
    return u - dip


def _runs(body: Body) -> list[list[tuple[float, float]]]:
    ys = np.arange(H) + 0.5
    right_dip = body.dip_left_px if body.left_on_image_right() else body.dip_right_px
    left_dip = body.dip_right_px if body.left_on_image_right() else body.dip_left_px
    ur, ul = _outer(ys, body, right_dip), _outer(ys, body, left_dip)
    out: list[list[tuple[float, float]]] = []
    for i, y in enumerate(ys):
        runs: list[tuple[float, float]] = []
        if HEAD_TOP <= y <= 330:
            r = 70.0
            dy = y - (HEAD_TOP + r)
            if abs(dy) < r:
                half = np.sqrt(r * r - dy * dy)
                runs.append((CX - half, CX + half))
        if 330 < y <= FEET:
            if y < 960:
                runs.append((CX - ul[i], CX + ur[i]))
            else:
                runs += [(CX - ul[i], CX - 12.0), (CX + 12.0, CX + ur[i])]
        if 420 <= y <= 900:  # arms hanging away from the body
            t = (y - 420) / 480.0
            for sign in (-1, 1):
                x = CX + sign * (175.0 + t * (body.arm_wrist_offset - 175.0))
                runs.append((x - 20.0, x + 20.0))
        out.append(runs)
    return out


def render(body: Body) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.bool_]]:
    """RGB image with exact anti-aliasing, and the binary (coverage >= 0.5) mask."""
    cov = np.zeros((H, W), np.float64)
    xs = np.arange(W, dtype=np.float64)
    for yi, runs in enumerate(_runs(body)):
        for a, b in runs:
            cov[yi] = np.maximum(cov[yi], np.clip(np.minimum(xs + 1, b) - np.maximum(xs, a), 0, 1))
    a = cov[..., None]
    img = np.asarray(SKIN, np.float64) * a + np.asarray(BACKGROUND, np.float64) * (1 - a)
    return np.round(img).astype(np.uint8), cov >= 0.5


class DrawnBodyDetector:
    """Returns the drawn body's joints and a deliberately coarse mask, like a real model."""

    def __init__(self, body: Body, *, hip_error_px: float = 0.0, coarse: int = 8) -> None:
        self.body, self.hip_error_px, self.coarse = body, hip_error_px, coarse

    def detect(self, rgb: npt.NDArray[np.uint8]) -> BodyDetection | None:
        _, mask = render(self.body)
        small = cv2.resize(
            mask.astype(np.float32),
            (W // self.coarse, H // self.coarse),
            interpolation=cv2.INTER_AREA,
        )
        prob = cv2.resize(small, (W, H), interpolation=cv2.INTER_LINEAR)
        return BodyDetection(landmarks=self.landmarks(), mask=prob.astype(np.float32))

    def landmarks(self) -> npt.NDArray[np.float64]:
        lm = np.zeros((33, 4))
        lm[:, 3] = 1.0
        # The model's own labels: its LEFT_* points are on the image's right in a front view.
        s = 1.0 if self.body.left_on_image_right() else -1.0
        hy = HIP_Y + self.hip_error_px
        pts = {
            lmk.NOSE: (CX, 260.0),
            lmk.LEFT_SHOULDER: (CX + s * 160, 420.0),
            lmk.RIGHT_SHOULDER: (CX - s * 160, 420.0),
            lmk.LEFT_HIP: (CX + s * 85, hy),
            lmk.RIGHT_HIP: (CX - s * 85, hy),
            lmk.LEFT_KNEE: (CX + s * 90, KNEE_Y),
            lmk.RIGHT_KNEE: (CX - s * 90, KNEE_Y),
            lmk.LEFT_ANKLE: (CX + s * 80, 1622.0),
            lmk.RIGHT_ANKLE: (CX - s * 80, 1622.0),
            lmk.LEFT_HEEL: (CX + s * 80, 1665.0),
            lmk.RIGHT_HEEL: (CX - s * 80, 1665.0),
        }
        wx = self.body.arm_wrist_offset
        for i, sign in ((lmk.LEFT_WRIST, s), (lmk.RIGHT_WRIST, -s)):
            pts[i] = (CX + sign * wx, 900.0)
        for i in (17, 19, 21):
            pts[i] = pts[lmk.LEFT_WRIST]
        for i in (18, 20, 22):
            pts[i] = pts[lmk.RIGHT_WRIST]
        pts[lmk.LEFT_ELBOW] = (CX + s * (wx + 175) / 2, 660.0)
        pts[lmk.RIGHT_ELBOW] = (CX - s * (wx + 175) / 2, 660.0)
        for i, (x, y) in pts.items():
            lm[i, :2] = (x, y)
        return lm


@pytest.fixture
def draw() -> Callable[..., tuple[npt.NDArray[np.uint8], DrawnBodyDetector]]:
    """Draw a body; returns the RGB image and a detector that finds it."""

    def _draw(**kw: object) -> tuple[npt.NDArray[np.uint8], DrawnBodyDetector]:
        det_kw = {k: kw.pop(k) for k in ("hip_error_px", "coarse") if k in kw}
        body = Body(**kw)  # type: ignore[arg-type]
        rgb, _ = render(body)
        return rgb, DrawnBodyDetector(body, **det_kw)  # type: ignore[arg-type]

    return _draw


STATURE_CM = 150.0
