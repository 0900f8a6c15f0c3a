"""Someone else in the photo: beside the subject, touching them, or a whole group."""

from __future__ import annotations

import itertools

import cv2
import numpy as np
import numpy.typing as npt

from hipdip.vision.checks.config import ChecksConfig
from hipdip.vision.detection import BodyDetection, BodyDetector
from hipdip.vision.errors import AnalysisError, Reason


def others_fraction(
    mask: npt.NDArray[np.bool_],
    everyone: npt.NDArray[np.bool_],
    *,
    min_height: float = 0.0,
    upper_body_height: float = 0.0,
) -> float:
    """Largest blob of people beside the subject, as a fraction of the subject's area.

    Parameters
    ----------
    mask : (H, W) bool, the measured person (pose model's mask).
    everyone : (h, w) bool, every person in the frame (whole-frame segmenter), any size.

    The pose model outlines one person; the whole-frame segmenter marks everyone. What the
    second marks beside the subject, outside the subject's own span on each row (so the
    space between the legs or arms, which segmenters fill in, never counts), is someone
    else. People touching or overlapping the subject are found too, since only the part
    beside the subject is counted, not whether it is connected. Only person-like blobs
    count: at least `min_height` of the subject's height tall, or at least
    `upper_body_height` tall with their top in the upper third of the subject's height (a
    person whose legs the segmenter lost against the background still has a head and
    shoulders up there; a bag or a helmet held low does not).
    """
    eh, ew = everyone.shape
    main = cv2.resize(mask.view(np.uint8), (ew, eh), interpolation=cv2.INTER_NEAREST) > 0
    area = int(main.sum())
    if area == 0:
        return 0.0
    # A margin of 2 % of the frame absorbs the two models' disagreement along the edge.
    k = max(3, int(0.02 * eh) | 1)
    near = cv2.dilate(main.astype(np.uint8), np.ones((k, k), np.uint8)) > 0
    cols = np.arange(ew)[None, :]
    has = main.any(axis=1)
    first = np.where(has, main.argmax(axis=1), ew)
    last = np.where(has, ew - 1 - main[:, ::-1].argmax(axis=1), -1)
    within = (cols >= first[:, None]) & (cols <= last[:, None])
    beside = (everyone & ~near & ~within).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(beside, connectivity=8)
    rows = np.nonzero(has)[0]
    height = rows[-1] - rows[0] + 1
    tops, tall_px = stats[1:, cv2.CC_STAT_TOP], stats[1:, cv2.CC_STAT_HEIGHT]
    upper = (tall_px >= upper_body_height * height) & (tops <= rows[0] + height / 3)
    tall = (tall_px >= min_height * height) | upper
    if n <= 1 or not tall.any():
        return 0.0
    return float(stats[1:, cv2.CC_STAT_AREA][tall].max() / area)


def check_people(
    mask: npt.NDArray[np.bool_],
    everyone: npt.NDArray[np.bool_] | None,
    config: ChecksConfig,
) -> None:
    """Refuse a photo with no clear person, or with anyone else beside or against them."""
    h, w = mask.shape
    if mask.sum() < 0.002 * h * w:
        raise AnalysisError(Reason.NO_PERSON)
    if everyone is None:
        return
    frac = others_fraction(
        mask,
        everyone,
        min_height=config.other_person_height,
        upper_body_height=config.other_upper_body_height,
    )
    if frac >= config.other_person_area:
        raise AnalysisError(Reason.SEVERAL_PEOPLE)


#: Landmarks a whole standing person shows: nose, shoulders, hips, knees, ankles.
_WHOLE_BODY = (0, 11, 12, 23, 24, 25, 26, 27, 28)


def _whole_person(found: BodyDetection, size: tuple[int, int]) -> tuple[float, float, float] | None:
    """(hip x, hip y, nose-to-ankle height) of a whole upright person in one tile, else None.

    The pose model, run on a small crop, also "finds" people in a cup, a cat or a rocket. A
    real one stands upright (nose above the shoulders above the hips above the knees above
    the ankles), has every one of those points inside the crop, and its own mask holds the
    torso and is about as tall as the skeleton (head top to soles is about 1.1-1.4 times
    nose to ankles; a phantom skeleton drawn over some object is not).
    """
    lm, h, w = found.landmarks, size[0], size[1]
    pts = lm[list(_WHOLE_BODY), :2]
    if not ((pts[:, 0] >= 0) & (pts[:, 0] < w) & (pts[:, 1] >= 0) & (pts[:, 1] < h)).all():
        return None
    ys = [lm[0, 1]] + [lm[[a, b], 1].mean() for a, b in ((11, 12), (23, 24), (25, 26), (27, 28))]
    if not all(a < b for a, b in itertools.pairwise(ys)):
        return None
    span = ys[-1] - ys[0]
    torso = np.round(lm[[11, 12, 23, 24], :2].mean(axis=0)).astype(int)
    blob = (found.mask > 0.5).astype(np.uint8)
    if found.mask.shape != (h, w) or not blob[torso[1], torso[0]]:
        return None
    _, labels, stats, _ = cv2.connectedComponentsWithStats(blob, connectivity=8)
    tall = stats[labels[torso[1], torso[0]], cv2.CC_STAT_HEIGHT]
    if not 0.9 * span <= tall <= 1.6 * span:
        return None
    hx, hy = lm[[23, 24], :2].mean(axis=0)
    return float(hx), float(hy), float(span)


def count_small_people(rgb: npt.NDArray[np.uint8], detector: BodyDetector, *, upto: int = 2) -> int:
    """How many separate whole people the pose model finds in overlapping crops of the photo.

    Called when the model finds no one in the whole frame: people far away (a group walking
    across a square) are too small for its person detector at the full frame's scale, but
    each fills enough of a crop of a half or a third of the frame. Crops overlap by half, so
    everyone is whole in at least one. A person seen in several crops is counted once (hip
    points closer than half their height). Stops at `upto`.
    """
    h, w = rgb.shape[:2]
    people: list[tuple[float, float, float]] = []
    for frac in (1 / 2, 1 / 3):
        side = max(32, int(max(h, w) * frac))
        step = side // 2
        for y in range(0, max(1, h - side + step), step):
            for x in range(0, max(1, w - side + step), step):
                tile = np.ascontiguousarray(rgb[y : y + side, x : x + side])
                if min(tile.shape[:2]) < side // 2:
                    continue
                found = detector.detect(tile)
                one = (
                    None if found is None else _whole_person(found, (tile.shape[0], tile.shape[1]))
                )
                if one is None:
                    continue
                px, py, span = one[0] + x, one[1] + y, one[2]
                if all(np.hypot(px - qx, py - qy) >= 0.5 * max(span, s) for qx, qy, s in people):
                    people.append((px, py, span))
                    if len(people) >= upto:
                        return len(people)
    return len(people)
