"""Is the body square to the camera? From the pose model's 3-D shoulder and hip lines."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from hipdip.vision import detection as lmk
from hipdip.vision.checks.config import ChecksConfig
from hipdip.vision.errors import AnalysisError, Reason


def _line_turn(world: npt.NDArray[np.float64], a: int, b: int) -> float:
    """Angle (0-90 degrees) of the a-b line from the camera's horizontal image axis.

    Front and back views are both square (0); a side view is 90. Camera pitch rotates
    the scene about that same horizontal axis, so it leaves the angle unchanged.
    """
    v = world[a, :3] - world[b, :3]
    ang = abs(math.degrees(math.atan2(float(v[2]), float(v[0]))))
    return min(ang, 180.0 - ang)


def _shoulder_row_width(mask: npt.NDArray[np.bool_], landmarks: npt.NDArray[np.float64]) -> int:
    """Width in pixels of the mask's run at the shoulder points' row, under the neck."""
    row = int(
        np.clip(
            round(0.5 * (landmarks[lmk.LEFT_SHOULDER, 1] + landmarks[lmk.RIGHT_SHOULDER, 1])),
            0,
            mask.shape[0] - 1,
        )
    )
    line = mask[row]
    x = int(
        np.clip(
            round(0.5 * (landmarks[lmk.LEFT_SHOULDER, 0] + landmarks[lmk.RIGHT_SHOULDER, 0])),
            0,
            len(line) - 1,
        )
    )
    if not line[x]:
        return 0
    off = np.nonzero(~line)[0]
    left = off[off < x]
    right = off[off > x]
    a = int(left[-1]) + 1 if len(left) else 0
    b = int(right[0]) if len(right) else len(line)
    return b - a


def turn_degrees(world: npt.NDArray[np.float64], config: ChecksConfig) -> float:
    """Body turn about the vertical axis, weighted from the shoulder and hip lines.

    Parameters
    ----------
    world : (33, >=3) world landmarks in metres (x right, y down, z away from the camera).
    """
    s = _line_turn(world, lmk.LEFT_SHOULDER, lmk.RIGHT_SHOULDER)
    h = _line_turn(world, lmk.LEFT_HIP, lmk.RIGHT_HIP)
    return (config.shoulder_weight * s + h) / (config.shoulder_weight + 1.0)


def check_turn(
    landmarks: npt.NDArray[np.float64],
    world: npt.NDArray[np.float64] | None,
    stature_px: float,
    config: ChecksConfig,
    mask: npt.NDArray[np.bool_] | None = None,
    *,
    back_view: bool = False,
) -> float | None:
    """Refuse side and three-quarter views; return the turn in degrees when known.

    Cues, none trusted alone near the limit:

    - shoulders far too close together in the image for a body facing the camera: a side
      view, whatever else says, unless the silhouette at that row is as wide as a square-on
      body's (twice the limit): then the model lost the body against the background and
      the photo is refused as `low_contrast`;
    - the 3-D turn of the shoulder and hip lines. Seen from the back the model's depth is
      biased (square backs read up to about 30 degrees), so a turn between `max_turn_deg`
      and `sure_turn_deg` is refused only when the face agrees;
    - the face: the nose off the shoulders' midpoint by a fraction of their span. Square-on
      it stays within 0.06; the nose, about 10 cm in front of the neck, moves sideways by
      about 0.28 tan(turn) of the span, 0.16 at 30 degrees. In a back view the nose is
      hidden and the model guesses it (up to 0.17 off on a square back), so there it must
      be 0.25 off (about 40 degrees);
    - the feet: ankles at heights differing by more than `max_ankle_level_difference` of
      stature, as when one foot is much nearer the camera, also confirm a turn in that
      band (otherwise `stance` refuses them as a lifted foot).
    """
    span = abs(landmarks[lmk.LEFT_SHOULDER, 0] - landmarks[lmk.RIGHT_SHOULDER, 0])
    if stature_px > 0 and span / stature_px < config.min_shoulder_span:
        if (
            mask is not None
            and _shoulder_row_width(mask, landmarks) > 2 * config.min_shoulder_span * stature_px
        ):
            # The silhouette is square-on wide where the points say side-on: the model lost
            # the body against its background, so the points cannot be trusted.
            raise AnalysisError(Reason.LOW_CONTRAST, "the body points do not fit the outline")
        raise AnalysisError(Reason.BODY_TURNED, "seen from the side")
    mid = 0.5 * (landmarks[lmk.LEFT_SHOULDER, 0] + landmarks[lmk.RIGHT_SHOULDER, 0])
    face = abs(landmarks[lmk.NOSE, 0] - mid) / max(span, 1e-6)
    if world is None:
        return None
    turn = turn_degrees(world, config)
    # From the back the nose is hidden and the model's nose point is a guess.
    face_limit = config.back_face_offset if back_view else config.face_offset
    # A turned body puts one foot nearer the camera, and so lower in the image.
    feet = abs(landmarks[lmk.LEFT_ANKLE, 1] - landmarks[lmk.RIGHT_ANKLE, 1]) / max(stature_px, 1.0)
    staggered = feet > config.max_ankle_level_difference
    if turn >= config.sure_turn_deg or (
        turn >= config.max_turn_deg and (face >= face_limit or staggered)
    ):
        raise AnalysisError(Reason.BODY_TURNED, f"about {turn:.0f} degrees")
    return turn
