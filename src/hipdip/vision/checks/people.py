"""Someone else in the photo: beside the subject, touching them, or a whole group."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from hipdip.vision.checks.config import ChecksConfig
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
