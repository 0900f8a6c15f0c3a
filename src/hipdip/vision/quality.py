"""Photo quality checks: each returns nothing, a warning, or raises an AnalysisError."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from hipdip.vision import detection as lmk
from hipdip.vision.errors import MESSAGES, AnalysisError, Reason


@dataclass(frozen=True)
class QualityConfig:
    """Thresholds for the checks. Pixel figures refer to the analysed image."""

    min_stature_px: float = 600.0
    #: A blob of the whole-frame person mask at least this fraction of the measured person's
    #: area, and mostly outside them, is another person.
    second_person_area: float = 0.25
    #: Turn estimated from the hip points' spacing against the pelvis outline (coarse).
    warn_yaw_deg: float = 35.0
    max_yaw_deg: float = 55.0
    frontal_hip_ratio: float = 0.52
    pelvis_depth_ratio: float = 0.75
    #: Edge transition width in mm at the body plane.
    warn_blur_mm: float = 6.0
    max_blur_mm: float = 12.0
    #: Median colour step between body and background (RGB distance).
    warn_contrast: float = 25.0
    #: Hands within this fraction of the thigh length of the hip outline touch it.
    arm_clearance: float = 0.05


def check_people(
    mask: npt.NDArray[np.bool_],
    everyone: npt.NDArray[np.bool_] | None,
    config: QualityConfig,
) -> None:
    """Refuse photos with no clear person, or with another person beside the one measured.

    `mask` is the measured person's mask; `everyone` a coarser mask of all people in frame.
    """
    h, w = mask.shape
    if mask.sum() < 0.002 * h * w:
        raise AnalysisError(Reason.NO_PERSON)
    if everyone is None:
        return
    eh, ew = everyone.shape
    main = cv2.resize(mask.astype(np.uint8), (ew, eh), interpolation=cv2.INTER_NEAREST) > 0
    main = cv2.dilate(main.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    n, labels, stats, _ = cv2.connectedComponentsWithStats(
        everyone.astype(np.uint8), connectivity=8
    )
    main_area = max(int(main.sum()), 1)
    for i in range(1, n):
        area = int(stats[i, cv2.CC_STAT_AREA])
        if area < config.second_person_area * main_area:
            continue
        overlap = int((main & (labels == i)).sum())
        if overlap < 0.2 * area:
            raise AnalysisError(Reason.SEVERAL_PEOPLE)


def check_framing(mask: npt.NDArray[np.bool_], landmarks: npt.NDArray[np.float64]) -> None:
    """Refuse photos with the head or the feet outside the frame (no height calibration)."""
    h = mask.shape[0]
    if mask[:2].any() or landmarks[lmk.NOSE, 1] < 0:
        raise AnalysisError(Reason.HEAD_CUT_OFF)
    feet = landmarks[[lmk.LEFT_ANKLE, lmk.RIGHT_ANKLE, lmk.LEFT_HEEL, lmk.RIGHT_HEEL], 1]
    if mask[-2:].any() or feet.max() >= h - 1:
        raise AnalysisError(Reason.FEET_CUT_OFF)


def yaw_degrees(hip_joint_px: float, pelvis_width_px: float, config: QualityConfig) -> float:
    """Rough turn of the body about the vertical axis, from how far apart the hips appear.

    Seen square-on, the model's two hip points lie about half the pelvis outline's width
    apart (`frontal_hip_ratio`). Turning the body brings them together faster than it narrows
    the outline of the (wider than deep) pelvis; this inverts that relation for an elliptic
    pelvis of depth/width `pelvis_depth_ratio`. It is coarse (about 15 degrees), so only
    clear turns are flagged.
    """
    if pelvis_width_px <= 0:
        raise ValueError(f"pelvis width must be positive, got {pelvis_width_px}")
    f = min(1.0, hip_joint_px / pelvis_width_px / config.frontal_hip_ratio)
    if f <= 0:
        return 90.0
    return math.degrees(math.atan(math.sqrt(1.0 / (f * f) - 1.0) / config.pelvis_depth_ratio))


def check_turn(yaw_deg: float, config: QualityConfig) -> Reason | None:
    """Refuse a body turned far from the camera; warn for a moderate turn."""
    if yaw_deg > config.max_yaw_deg:
        raise AnalysisError(Reason.BODY_TURNED, f"about {yaw_deg:.0f} degrees")
    return Reason.BODY_TURNED if yaw_deg > config.warn_yaw_deg else None


def check_arms(
    landmarks: npt.NDArray[np.float64],
    outline_x: dict[int, npt.NDArray[np.float64]],
    rows: npt.NDArray[np.int64],
    thigh_px: float,
    config: QualityConfig,
) -> None:
    """Refuse photos where a hand or wrist lies on or next to the traced hip outline.

    `outline_x[s]` is the outline column per row for image side s (+1 right, -1 left).
    """
    clearance = config.arm_clearance * thigh_px
    for i in lmk.HAND_POINTS:
        x, y = landmarks[i, 0], landmarks[i, 1]
        if not rows[0] <= y <= rows[-1]:
            continue
        r = int(round(y)) - int(rows[0])
        for s, xs in outline_x.items():
            edge = xs[r]
            if np.isnan(edge):
                continue
            # outward distance of the hand from the outline on that image side
            if s * (x - edge) < clearance and abs(x - edge) < 4 * clearance:
                raise AnalysisError(Reason.ARMS_TOUCHING_HIPS)


def blur_and_contrast(
    blur_px: float, contrast: float, mm_per_px: float, config: QualityConfig
) -> list[Reason]:
    """Warnings for a soft or low-contrast outline; an error when it is far too soft."""
    blur_mm = blur_px * mm_per_px
    if blur_mm > config.max_blur_mm:
        raise AnalysisError(Reason.BLURRED, f"edge about {blur_mm:.0f} mm wide")
    out = []
    if blur_mm > config.warn_blur_mm:
        out.append(Reason.BLURRED)
    if contrast < config.warn_contrast:
        out.append(Reason.LOW_CONTRAST)
    return out


def message(reason: Reason) -> str:
    """The plain sentence for a reason."""
    return MESSAGES[reason]
