"""Arms against the hips: hands on them, forearms resting on them, arms hanging along them."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from hipdip.vision import detection as lmk
from hipdip.vision.checks.config import ChecksConfig
from hipdip.vision.errors import AnalysisError, Reason

#: Arm chains sampled along their length: shoulder, elbow, wrist; then the hand towards
#: the index and the little finger points.
_ARMS = (
    (lmk.LEFT_SHOULDER, lmk.LEFT_ELBOW, lmk.LEFT_WRIST, (19, 17)),
    (lmk.RIGHT_SHOULDER, lmk.RIGHT_ELBOW, lmk.RIGHT_WRIST, (20, 18)),
)
#: The model's finger points sit at the knuckles; the fingers reach about as far again
#: (hand length about 1.8 times the wrist-to-knuckle distance: Drillis & Contini, hand
#: 0.108 H, palm about 0.06 H).
FINGER_REACH = 1.8


def arm_points(landmarks: npt.NDArray[np.float64], per_segment: int = 8) -> npt.NDArray[np.float64]:
    """(N, 2) image (x, y) points along both arms: upper arm, forearm and hand.

    Sampling the segments, not only the hand points, finds a forearm crossing the
    outline (hands on the hips, elbows out) and an arm lying along the waist.
    """
    t = np.linspace(0.0, 1.0, per_segment, endpoint=False)[:, None]
    pts = []
    for shoulder, elbow, wrist, fingers in _ARMS:
        for a, b in ((shoulder, elbow), (elbow, wrist)):
            pa, pb = landmarks[a, :2], landmarks[b, :2]
            pts.append(pa + t * (pb - pa))
        pw = landmarks[wrist, :2]
        for f in fingers:
            tip = pw + FINGER_REACH * (landmarks[f, :2] - pw)
            pts.append(pw + np.linspace(0.0, 1.0, per_segment)[:, None] * (tip - pw))
    return np.vstack(pts)


def check_arms(
    landmarks: npt.NDArray[np.float64],
    outline_x: dict[int, npt.NDArray[np.float64]],
    rows: npt.NDArray[np.int64],
    mid_x: float,
    thigh_px: float,
    config: ChecksConfig,
) -> None:
    """Refuse when any part of an arm lies on, next to or inside the hip outline.

    Parameters
    ----------
    outline_x : per image side s (+1 right, -1 left), the outline's column on each row.
    rows : the rows of `outline_x` (rib level to mid-thigh).
    mid_x : the body's midline column (between the hip joints).
    thigh_px : thigh length in pixels; the clearance is a fraction of it.

    When an arm touches the body the two merge in the mask, and the traced outline follows
    the arm: the arm's points then lie inside the outline rather than next to it, so both
    cases are refused.
    """
    clearance = config.arm_clearance * thigh_px
    for x, y in arm_points(landmarks):
        if not rows[0] <= y <= rows[-1]:
            continue
        r = int(round(y)) - int(rows[0])
        s = 1 if x >= mid_x else -1
        edge = outline_x[s][r]
        if np.isnan(edge):
            continue
        # Outward distance of the arm point from the outline on its own image side.
        if s * (x - edge) < clearance:
            raise AnalysisError(Reason.ARMS_TOUCHING_HIPS)
