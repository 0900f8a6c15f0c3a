"""The pose model's joints assigned to the subject's own sides, from the stated view.

Points are ``(x, y)`` = ``(col, row)`` pixels of the analysed image.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hipdip.vision import detection as lmk
from hipdip.vision.assessment import PointXY
from hipdip.vision.conventions import View


@dataclass(frozen=True)
class Joints:
    """Hips and knees by anatomical side, and which image side each anatomical side is on."""

    hip_xy: dict[str, PointXY]
    knee_xy: dict[str, PointXY]
    #: +1 when that anatomical side is on the image's right, -1 on its left.
    image_side: dict[str, int]


def assign_joints(lm: npt.NDArray[np.float64], view: View) -> tuple[Joints, bool]:
    """Assign hips and knees to the subject's sides from the stated view.

    Parameters
    ----------
    lm : (33, 4) float array of BlazePose landmarks, (x, y, z, visibility) in pixels.
    view : the stated (or resolved) view.

    Returns
    -------
    joints : Joints
    labels_agree : bool
        Whether the model's own left/right labelling agrees with `view`.
    """
    # Front view: the subject's left appears on the image's right (+1); back view: on its left.
    left_sign = 1 if view == View.FRONT else -1
    hips = sorted([lm[lmk.LEFT_HIP, :2], lm[lmk.RIGHT_HIP, :2]], key=lambda p: p[0])
    knees = sorted([lm[lmk.LEFT_KNEE, :2], lm[lmk.RIGHT_KNEE, :2]], key=lambda p: p[0])
    pick = {1: 1, -1: 0}  # image right = larger x
    joints = Joints(
        hip_xy={"left": _xy(hips[pick[left_sign]]), "right": _xy(hips[pick[-left_sign]])},
        knee_xy={"left": _xy(knees[pick[left_sign]]), "right": _xy(knees[pick[-left_sign]])},
        image_side={"left": left_sign, "right": -left_sign},
    )
    return joints, view_from_labels(lm) == view


def view_from_labels(lm: npt.NDArray[np.float64]) -> View:
    """The view implied by the model's labels: its left on the image's right means front."""
    spread = (lm[lmk.LEFT_HIP, 0] - lm[lmk.RIGHT_HIP, 0]) + (
        lm[lmk.LEFT_SHOULDER, 0] - lm[lmk.RIGHT_SHOULDER, 0]
    )
    return View.FRONT if spread > 0 else View.BACK


def body_points_xy(lm: npt.NDArray[np.float64], joints: Joints) -> dict[str, PointXY]:
    """Shoulders, hips, knees and ankles by anatomical side (assigned by image position)."""
    out: dict[str, PointXY] = {}
    for name, (a, b) in {
        "shoulder": (lmk.LEFT_SHOULDER, lmk.RIGHT_SHOULDER),
        "hip": (lmk.LEFT_HIP, lmk.RIGHT_HIP),
        "knee": (lmk.LEFT_KNEE, lmk.RIGHT_KNEE),
        "ankle": (lmk.LEFT_ANKLE, lmk.RIGHT_ANKLE),
    }.items():
        pair = sorted([lm[a, :2], lm[b, :2]], key=lambda p: p[0])
        left_on_right = joints.image_side["left"] > 0
        out[f"{name}_left"] = _xy(pair[1] if left_on_right else pair[0])
        out[f"{name}_right"] = _xy(pair[0] if left_on_right else pair[1])
    return out


def _xy(p: npt.NDArray[np.float64]) -> PointXY:
    return (float(p[0]), float(p[1]))
