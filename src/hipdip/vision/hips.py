"""Both hips of one detected body: scale, joints, traced outline, quality checks, dips.

Expected failures raise `AnalysisError`; `pipeline.analyze` turns them into a result.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from hipdip.vision import calibration, quality, uncertainty
from hipdip.vision import detection as lmk
from hipdip.vision.assessment import Geometry, SideResult
from hipdip.vision.checks import ChecksConfig, arms, clothing, people, stance, turn
from hipdip.vision.checks.plausibility import check_plausible
from hipdip.vision.config import AnalysisConfig
from hipdip.vision.conventions import SIDES, View
from hipdip.vision.detection import BodyDetection
from hipdip.vision.errors import AnalysisError, Reason
from hipdip.vision.geometry import build_geometry
from hipdip.vision.joints import Joints, assign_joints, view_from_labels
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
    qc, cc = cfg.quality, cfg.checks
    # People first: a group must never be reported as turned or too small.
    people.check_people(mask, everyone, cc)
    quality.check_framing(mask, lm)
    warnings: list[Reason] = []
    view = view_from_labels(lm) if stated is None else stated
    joints, labels_agree = assign_joints(lm, view)
    if not labels_agree:
        warnings.append(Reason.VIEW_MISMATCH)
    top, stature = _stature(mask, lm, view)
    turned = turn.check_turn(lm, found.world, stature, cc, mask, back_view=view == View.BACK)
    stance.check_stance(lm, found.world, stature, cc)
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
    _check_arms_and_clothing(lm, mask, traced, joints, levels, stature, cc)
    warnings += quality.blur_and_contrast(traced.blur_px, traced.contrast, mm_per_px, qc)
    if turned is None:  # a detector without 3-D landmarks: the coarse outline estimate
        coarse_turn = quality.check_turn(yaw_degrees(traced, joints, levels, qc), qc)
        if coarse_turn is not None:
            warnings.append(coarse_turn)
    waist = find_waist(traced.rows, torso_widths(traced), levels, config=cfg.dip)
    if waist is None:
        raise AnalysisError(Reason.OUTLINE_NOT_FOUND, "no waist between ribs and crest")
    dips = _dips(traced, joints.hip_xy, levels, waist, mm_per_px, cfg)
    spans = _intervals(traced, dips, levels, waist, mm_per_px, cfg)
    check_plausible(
        {s: d.depth_mm for s, d in dips.items()},
        {s: spans[s].spread_mm for s in dips},
        cfg.plausibility,
    )
    sides = {s: _side_result(d, spans[s], cfg) for s, d in dips.items()}
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


def _stature(
    mask: npt.NDArray[np.bool_], lm: npt.NDArray[np.float64], view: View
) -> tuple[float, float]:
    """Row of the head top and the standing height in pixels (see `calibration`)."""
    shoulder_w = abs(lm[lmk.LEFT_SHOULDER, 0] - lm[lmk.RIGHT_SHOULDER, 0])
    top = calibration.head_top(mask, nose_x=lm[lmk.NOSE, 0], half_width=int(shoulder_w / 2) + 1)
    ankle_y = 0.5 * (lm[lmk.LEFT_ANKLE, 1] + lm[lmk.RIGHT_ANKLE, 1])
    return top, calibration.stature_px(mask, head_top_y=top, ankle_y=ankle_y, view=view)


def _check_arms_and_clothing(
    lm: npt.NDArray[np.float64],
    mask: npt.NDArray[np.bool_],
    traced: Traced,
    joints: Joints,
    levels: Levels,
    stature: float,
    cc: ChecksConfig,
) -> None:
    """The checks that need the traced outline: arms against it, garments shaping it."""
    outline_x = {joints.image_side[s]: joints.image_side[s] * traced.u_exact[s] for s in SIDES}
    arms.check_arms(lm, outline_x, traced.rows, levels.mid_x, levels.thigh_px, cc)
    # The clothing check takes the joints in image order (image-left first).
    pair = ("left", "right") if joints.image_side["left"] < 0 else ("right", "left")
    clothing.check_clothing(
        mask,
        (joints.hip_xy[pair[0]], joints.hip_xy[pair[1]]),
        (joints.knee_xy[pair[0]], joints.knee_xy[pair[1]]),
        crest_y=levels.crest_y,
        stature_px=stature,
        config=cc,
    )


def _side_result(
    dip: DipMeasurement, span: uncertainty.DepthUncertainty, cfg: AnalysisConfig
) -> SideResult:
    """One side's result: the depth, its interval and three-valued presence."""
    return SideResult(
        present=dip.present,
        depth_mm=dip.depth_mm,
        center_mm_rel_hip=dip.center_mm_rel_hip,
        extent_mm=dip.extent_mm,
        grade=cfg.grade.of(dip.depth_mm),
        depth_interval_mm=(span.low_mm, span.high_mm),
        presence=uncertainty.presence(span.low_mm, span.high_mm, cfg.dip.present_mm),
    )


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


def _intervals(
    traced: Traced,
    dips: dict[str, DipMeasurement],
    levels: Levels,
    waist: int,
    mm_per_px: float,
    cfg: AnalysisConfig,
) -> dict[str, uncertainty.DepthUncertainty]:
    """The 90 % interval of each side's depth, on the same rows as the depth itself."""
    rows, u = traced.rows, traced.u
    end = int(np.floor(levels.midthigh_y))
    out: dict[str, uncertainty.DepthUncertainty] = {}
    for s, dip in dips.items():
        sel = (rows >= waist) & (rows <= end) & ~np.isnan(u[s])
        out[s] = uncertainty.depth_uncertainty(
            rows[sel],
            u[s][sel],
            depth_mm=dip.depth_mm,
            levels=levels,
            mm_per_px=mm_per_px,
            noise_px=uncertainty.edge_noise_px(traced.raw[s], traced.u_exact[s]),
            smooth_rows=traced.smooth_rows,
            rival=traced.rival[s],
            search_px=traced.search_px,
            dip=cfg.dip,
            config=cfg.uncertainty,
        )
    return out
