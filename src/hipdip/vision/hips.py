"""Both hips of one detected body: scale, joints, traced outline, quality checks, dips.

Expected failures raise `AnalysisError`; `pipeline.analyze` turns them into a result.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from hipdip.vision import calibration, quality
from hipdip.vision import detection as lmk
from hipdip.vision.assessment import Geometry, SideResult
from hipdip.vision.config import AnalysisConfig
from hipdip.vision.conventions import SIDES, View
from hipdip.vision.detection import BodyDetection
from hipdip.vision.errors import AnalysisError, Reason
from hipdip.vision.geometry import build_geometry
from hipdip.vision.joints import assign_joints, view_from_labels
from hipdip.vision.measure import (
    DipMeasurement,
    Levels,
    find_waist,
    levels_from_joints,
    measure_dip,
)
from hipdip.vision.trace import Traced, torso_widths, trace_hips, yaw_degrees

RGB = npt.NDArray[np.uint8]


def measure_hips(
    rgb: RGB,
    found: BodyDetection,
    everyone: npt.NDArray[np.bool_] | None,
    height_cm: float,
    stated: View | None,
    cfg: AnalysisConfig,
) -> tuple[dict[str, SideResult], float, list[Reason], Geometry, View]:
    """Measure both sides of the detected body.

    Parameters
    ----------
    rgb : (rows, cols, 3) uint8 photo as analysed.
    found : the pose model's landmarks and person mask for `rgb`.
    everyone : (r, c) bool mask of every person on a strided copy, or None to skip the
        check for other people.
    height_cm : stated height (already validated).
    stated : the stated view, or None to take it from the model's labels.
    cfg : tunable parts.

    Returns
    -------
    sides, mm_per_px (of `rgb`), warnings, geometry, the view used.

    Raises
    ------
    AnalysisError
        For every expected failure (framing, size, outline, arms, turn, blur...).
    """
    lm = found.landmarks
    mask = found.mask > 0.5
    qc = cfg.quality
    quality.check_people(mask, everyone, qc)
    quality.check_framing(mask, lm)
    warnings: list[Reason] = []
    view = view_from_labels(lm) if stated is None else stated
    joints, labels_agree = assign_joints(lm, view)
    if not labels_agree:
        warnings.append(Reason.VIEW_MISMATCH)
    shoulder_w = abs(lm[lmk.LEFT_SHOULDER, 0] - lm[lmk.RIGHT_SHOULDER, 0])
    top = calibration.head_top(mask, nose_x=lm[lmk.NOSE, 0], half_width=int(shoulder_w / 2) + 1)
    ankle_y = 0.5 * (lm[lmk.LEFT_ANKLE, 1] + lm[lmk.RIGHT_ANKLE, 1])
    stature = calibration.stature_px(mask, head_top_y=top, ankle_y=ankle_y, view=view)
    if stature < qc.min_stature_px:
        raise AnalysisError(Reason.IMAGE_TOO_SMALL, f"body {stature:.0f} px tall")
    mm_per_px = height_cm * 10.0 / stature
    try:
        levels = levels_from_joints(
            (joints.hip_xy["left"], joints.hip_xy["right"]),
            (joints.knee_xy["left"], joints.knee_xy["right"]),
            config=cfg.dip,
        )
    except ValueError as exc:
        raise AnalysisError(Reason.OUTLINE_NOT_FOUND, "knees not below hips") from exc
    traced = trace_hips(
        rgb,
        mask,
        joints,
        levels,
        stature_px=stature,
        search_fraction=cfg.search_fraction,
        edge_smoothing=cfg.edge_smoothing,
    )
    quality.check_arms(
        lm,
        {joints.image_side[s]: joints.image_side[s] * traced.u_exact[s] for s in SIDES},
        traced.rows,
        levels.thigh_px,
        qc,
    )
    warnings += quality.blur_and_contrast(traced.blur_px, traced.contrast, mm_per_px, qc)
    turn = quality.check_turn(yaw_degrees(traced, joints, levels, qc), qc)
    if turn is not None:
        warnings.append(turn)
    waist = find_waist(traced.rows, torso_widths(traced), levels, config=cfg.dip)
    if waist is None:
        raise AnalysisError(Reason.OUTLINE_NOT_FOUND, "no waist between ribs and crest")
    dips = _dips(traced, joints.hip_xy, levels, waist, mm_per_px, cfg)
    sides = {
        s: SideResult(
            present=d.present,
            depth_mm=d.depth_mm,
            center_mm_rel_hip=d.center_mm_rel_hip,
            extent_mm=d.extent_mm,
            grade=cfg.grade.of(d.depth_mm),
        )
        for s, d in dips.items()
    }
    geometry = build_geometry(
        (rgb.shape[0], rgb.shape[1]),
        dips,
        joints,
        levels,
        waist_row=waist,
        landmarks=lm,
        stature_rows=(top, top + stature),
    )
    return sides, mm_per_px, warnings, geometry, view


def _dips(
    traced: Traced,
    hip_xy: dict[str, tuple[float, float]],
    levels: Levels,
    waist: int,
    mm_per_px: float,
    cfg: AnalysisConfig,
) -> dict[str, DipMeasurement]:
    """The dip on each side, on the rows from the waist to mid-thigh."""
    rows, u = traced.rows, traced.u
    end = int(np.floor(levels.midthigh_y))
    dips: dict[str, DipMeasurement] = {}
    for s in SIDES:
        sel = (rows >= waist) & (rows <= end) & ~np.isnan(u[s])
        dip = measure_dip(
            rows[sel],
            u[s][sel],
            hip_y=hip_xy[s][1],
            levels=levels,
            mm_per_px=mm_per_px,
            config=cfg.dip,
        )
        if dip is None:
            raise AnalysisError(Reason.OUTLINE_NOT_FOUND, f"{s} side")
        dips[s] = dip
    return dips
