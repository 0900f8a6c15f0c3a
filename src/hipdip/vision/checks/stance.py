"""Standing upright on both feet: not squatting, not jumping, not on one leg."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from hipdip.vision import detection as lmk
from hipdip.vision.checks.config import ChecksConfig
from hipdip.vision.errors import AnalysisError, Reason

_LEGS = (
    (lmk.LEFT_HIP, lmk.LEFT_KNEE, lmk.LEFT_ANKLE),
    (lmk.RIGHT_HIP, lmk.RIGHT_KNEE, lmk.RIGHT_ANKLE),
)


def knee_flexion_deg(points: npt.NDArray[np.float64], hip: int, knee: int, ankle: int) -> float:
    """180 minus the hip-knee-ankle angle: 0 for a straight leg."""
    a = points[hip, :3] - points[knee, :3]
    b = points[ankle, :3] - points[knee, :3]
    cos = float(np.dot(a, b) / max(np.linalg.norm(a) * np.linalg.norm(b), 1e-9))
    return 180.0 - math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def check_stance(
    landmarks: npt.NDArray[np.float64],
    world: npt.NDArray[np.float64] | None,
    stature_px: float,
    config: ChecksConfig,
) -> None:
    """Refuse bent knees, a lifted foot or a jump: the levels and the scale assume standing.

    Cues: knee flexion from the 3-D landmarks; the thigh foreshortened against the shin
    in the image (bent knees seen from the front); the two ankles at different heights.
    """
    for hip, knee, ankle in _LEGS:
        if world is not None:
            flex = knee_flexion_deg(world, hip, knee, ankle)
            if flex > config.max_knee_flexion_deg:
                raise AnalysisError(Reason.NOT_STANDING, f"knee bent about {flex:.0f} degrees")
        thigh = float(np.hypot(*(landmarks[knee, :2] - landmarks[hip, :2])))
        shin = float(np.hypot(*(landmarks[ankle, :2] - landmarks[knee, :2])))
        if shin > 0 and thigh / shin < config.min_thigh_shin_ratio:
            raise AnalysisError(Reason.NOT_STANDING, "thigh foreshortened: knees bent")
    if stature_px > 0:
        lift = abs(landmarks[lmk.LEFT_ANKLE, 1] - landmarks[lmk.RIGHT_ANKLE, 1]) / stature_px
        if lift > config.max_ankle_level_difference:
            raise AnalysisError(Reason.NOT_STANDING, "one foot higher than the other")
