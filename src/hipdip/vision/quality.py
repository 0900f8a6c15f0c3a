"""Photo quality checks: each returns nothing, a warning, or raises an AnalysisError."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hipdip.vision import detection as lmk
from hipdip.vision.errors import MESSAGES, AnalysisError, Reason


@dataclass(frozen=True)
class QualityConfig:
    """Thresholds for the checks. Pixel figures refer to the analysed image."""

    min_stature_px: float = 600.0
    #: Turn estimated from the hip points' spacing against the pelvis outline (coarse); used
    #: only when the detector gives no 3-D landmarks (see `checks.turn` otherwise).
    warn_yaw_deg: float = 35.0
    max_yaw_deg: float = 55.0
    frontal_hip_ratio: float = 0.52
    pelvis_depth_ratio: float = 0.75
    #: Edge transition width in mm at the body plane.
    warn_blur_mm: float = 6.0
    max_blur_mm: float = 12.0
    #: Median colour step between body and background (RGB distance).
    warn_contrast: float = 25.0


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
