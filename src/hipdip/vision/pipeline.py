"""From a photo and a stated height to an Assessment: the one analysis every surface calls."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from hipdip.vision import calibration, quality, uncertainty
from hipdip.vision import detection as lmk
from hipdip.vision.assessment import Assessment, Geometry, Grade, SideResult, Warning_
from hipdip.vision.checks import ChecksConfig, arms, clothing, people, stance, turn
from hipdip.vision.checks.plausibility import PlausibilityLimits, check_plausible
from hipdip.vision.detection import BodyDetection, BodyDetector, default_detector
from hipdip.vision.errors import AnalysisError, Reason
from hipdip.vision.loading import ImageSource, LoadLimits, Photo, load_photo
from hipdip.vision.measure import (
    DipConfig,
    DipMeasurement,
    Levels,
    find_waist,
    levels_from_joints,
    measure_dip,
)
from hipdip.vision.outline import RowRuns, refine_edge, smooth_rows

VIEWS = ("front", "back")
MIN_HEIGHT_CM, MAX_HEIGHT_CM = 100.0, 250.0


@dataclass(frozen=True)
class AnalysisConfig:
    """All tunable parts of the analysis, passed down explicitly."""

    dip: DipConfig = field(default_factory=DipConfig)
    grade: Grade = field(default_factory=Grade)
    limits: LoadLimits = field(default_factory=LoadLimits)
    quality: quality.QualityConfig = field(default_factory=quality.QualityConfig)
    #: Half-width of the edge search around the model's mask edge, as a fraction of stature.
    search_fraction: float = 0.008
    #: Half-window, as a fraction of stature, of the moving average along the traced edge.
    #: Pixel noise is independent from row to row while a dip spans centimetres, so
    #: averaging over about 1 cm of height removes the noise (which only ever deepens the
    #: measured dip) without flattening the dip.
    edge_smoothing: float = 0.0025
    #: Look for other people with a second, whole-frame person segmenter.
    check_others: bool = True
    checks: ChecksConfig = field(default_factory=ChecksConfig)
    plausibility: PlausibilityLimits = field(default_factory=PlausibilityLimits)
    uncertainty: uncertainty.UncertaintyConfig = field(
        default_factory=uncertainty.UncertaintyConfig
    )


def analyze(
    image: ImageSource,
    *,
    height_cm: float,
    view: str,
    detector: BodyDetector | None = None,
    config: AnalysisConfig | None = None,
    name: str | None = None,
) -> Assessment:
    """Measure the hip dips on both sides of one standardised photo.

    Parameters
    ----------
    image : path, encoded bytes, or an (H, W, 3) uint8 RGB array.
    height_cm : the person's standing height in centimetres (100-250); sets the scale.
    view : "front" or "back"; decides which image side is the subject's left. "auto" takes
        the view from the model's own left/right labelling of shoulders and hips.
    detector : body detector backend; defaults to the bundled mediapipe model.
    name : label for the result; defaults to the path.

    Returns
    -------
    Assessment
        ``ok`` with both sides, or not ``ok`` with a stable reason code. Expected failures
        never raise.
    """
    cfg = config or AnalysisConfig()
    label = name or (os.fspath(image) if isinstance(image, (str, os.PathLike)) else "<image>")
    t0 = time.perf_counter()
    try:
        _validate(height_cm, view)
        photo = load_photo(image, limits=cfg.limits)
    except AnalysisError as exc:
        return _failure(label, view, height_cm, exc, {"decode": (time.perf_counter() - t0) * 1000})
    timing = {"decode": (time.perf_counter() - t0) * 1000}
    return analyze_photo(
        photo,
        height_cm=height_cm,
        view=view,
        detector=detector,
        config=cfg,
        name=label,
        timing=timing,
    )


def analyze_photo(
    photo: Photo,
    *,
    height_cm: float,
    view: str,
    detector: BodyDetector | None = None,
    config: AnalysisConfig | None = None,
    name: str = "<image>",
    timing: dict[str, float] | None = None,
) -> Assessment:
    """Like :func:`analyze`, for a photo already loaded with :func:`load_photo`."""
    cfg = config or AnalysisConfig()
    label = name
    timing = dict(timing or {})
    t1 = time.perf_counter()
    try:
        _validate(height_cm, view)
        found = _detect(photo.rgb, detector or default_detector())
        everyone = _everyone(photo.rgb) if cfg.check_others else None
        t2 = time.perf_counter()
        timing["detect"] = (t2 - t1) * 1000
        measured = _measure(photo.rgb, found, everyone, height_cm, view, cfg)
        timing["measure"] = (time.perf_counter() - t2) * 1000
    except AnalysisError as exc:
        return _failure(label, view, height_cm, exc, timing)
    sides, mm_per_px, warnings, geometry, view = measured
    return Assessment(
        image=label,
        ok=True,
        view=view,
        height_cm=float(height_cm),
        mm_per_px=mm_per_px * photo.scale,
        sides=sides,
        warnings=tuple(Warning_(code=w, message=quality.message(w)) for w in warnings),
        timing_ms=timing,
        geometry=geometry,
    )


def _detect(rgb: npt.NDArray[np.uint8], detector: BodyDetector) -> BodyDetection:
    """Run the detector; if it finds no one, try once more on a colour-balanced copy.

    A strong colour cast (warm indoor light, a skin-toned backdrop) can hide the person from
    the model's first stage; a grey-world balance removes the cast. The outline is still
    traced on the original pixels.
    """
    found = detector.detect(rgb)
    if found is None:
        means = rgb.reshape(-1, 3).mean(axis=0) + 1e-6
        balanced = np.clip(rgb * (means.mean() / means), 0, 255).astype(np.uint8)
        found = detector.detect(balanced)
    if found is None:
        raise AnalysisError(Reason.NO_PERSON)
    return found


def _failure(
    label: str, view: Any, height_cm: Any, exc: AnalysisError, timing: dict[str, float]
) -> Assessment:
    return Assessment(
        image=label,
        ok=False,
        view=view if view in VIEWS else None,
        height_cm=_height_or_none(height_cm),
        error=exc.reason,
        error_message=exc.message,
        timing_ms=timing,
    )


def validate_inputs(height_cm: Any, view: Any) -> None:
    """Raise AnalysisError for a height outside 100-250 cm or an unknown view."""
    _validate(height_cm, view)


def _validate(height_cm: Any, view: Any) -> None:
    if view not in (*VIEWS, "auto"):
        raise AnalysisError(Reason.INVALID_VIEW, f"got {view!r}")
    try:
        h = float(height_cm)
    except (TypeError, ValueError) as exc:
        raise AnalysisError(Reason.INVALID_HEIGHT, f"got {height_cm!r}") from exc
    if not (np.isfinite(h) and MIN_HEIGHT_CM <= h <= MAX_HEIGHT_CM):
        raise AnalysisError(Reason.INVALID_HEIGHT, f"got {height_cm!r}")


def _height_or_none(height_cm: Any) -> float | None:
    try:
        h = float(height_cm)
    except (TypeError, ValueError):
        return None
    return h if np.isfinite(h) else None


def _everyone(rgb: npt.NDArray[np.uint8]) -> npt.NDArray[np.bool_]:
    """Mask of every person in the frame, on a strided copy about 400-800 px on its long side."""
    step = max(1, max(rgb.shape[:2]) // 400)
    small = np.ascontiguousarray(rgb[::step, ::step])
    everyone: npt.NDArray[np.bool_] = lmk.default_people_mask().mask(small) > 0.5
    return everyone


@dataclass(frozen=True)
class _Joints:
    """Anatomical (subject's own) sides, as (x, y) pixels, and which image side each is on."""

    hip: dict[str, tuple[float, float]]
    knee: dict[str, tuple[float, float]]
    image_side: dict[str, int]


def _joints(lm: npt.NDArray[np.float64], view: str) -> tuple[_Joints, bool]:
    """Assign hips and knees to the subject's sides from the stated view.

    Returns the joints and whether the model's own left/right labelling agrees with the view.
    """
    # Front view: the subject's left appears on the image's right (+1); back view: on its left.
    left_sign = 1 if view == "front" else -1
    hips = sorted([lm[lmk.LEFT_HIP, :2], lm[lmk.RIGHT_HIP, :2]], key=lambda p: p[0])
    knees = sorted([lm[lmk.LEFT_KNEE, :2], lm[lmk.RIGHT_KNEE, :2]], key=lambda p: p[0])
    pick = {1: 1, -1: 0}  # image right = larger x
    j = _Joints(
        hip={"left": _pt(hips[pick[left_sign]]), "right": _pt(hips[pick[-left_sign]])},
        knee={"left": _pt(knees[pick[left_sign]]), "right": _pt(knees[pick[-left_sign]])},
        image_side={"left": left_sign, "right": -left_sign},
    )
    return j, _view_from_labels(lm) == view


def _view_from_labels(lm: npt.NDArray[np.float64]) -> str:
    """The view implied by the model's labels: its left on the image's right means front."""
    spread = (lm[lmk.LEFT_HIP, 0] - lm[lmk.RIGHT_HIP, 0]) + (
        lm[lmk.LEFT_SHOULDER, 0] - lm[lmk.RIGHT_SHOULDER, 0]
    )
    return "front" if spread > 0 else "back"


def _pt(p: npt.NDArray[np.float64]) -> tuple[float, float]:
    return (float(p[0]), float(p[1]))


def _measure(
    rgb: npt.NDArray[np.uint8],
    found: BodyDetection,
    everyone: npt.NDArray[np.bool_] | None,
    height_cm: float,
    view: str,
    cfg: AnalysisConfig,
) -> tuple[dict[str, SideResult], float, list[Reason], Geometry, str]:
    lm = found.landmarks
    mask = found.mask > 0.5
    qc, cc = cfg.quality, cfg.checks
    # People first: a group must never be reported as turned or too small.
    people.check_people(mask, everyone, cc)
    quality.check_framing(mask, lm)
    warnings: list[Reason] = []
    if view == "auto":
        view = _view_from_labels(lm)
    joints, labels_agree = _joints(lm, view)
    if not labels_agree:
        warnings.append(Reason.VIEW_MISMATCH)
    shoulder_w = abs(lm[lmk.LEFT_SHOULDER, 0] - lm[lmk.RIGHT_SHOULDER, 0])
    top = calibration.head_top(mask, nose_x=lm[lmk.NOSE, 0], half_width=int(shoulder_w / 2) + 1)
    ankle_y = 0.5 * (lm[lmk.LEFT_ANKLE, 1] + lm[lmk.RIGHT_ANKLE, 1])
    stature = calibration.stature_px(mask, head_top_y=top, ankle_y=ankle_y, view=view)
    turned = turn.check_turn(lm, found.world, stature, cc)
    stance.check_stance(lm, found.world, stature, cc)
    if stature < qc.min_stature_px:
        raise AnalysisError(Reason.IMAGE_TOO_SMALL, f"body {stature:.0f} px tall")
    mm_per_px = height_cm * 10.0 / stature
    try:
        levels = levels_from_joints(
            (joints.hip["left"], joints.hip["right"]),
            (joints.knee["left"], joints.knee["right"]),
            config=cfg.dip,
        )
    except ValueError as exc:
        raise AnalysisError(Reason.OUTLINE_NOT_FOUND, "knees not below hips") from exc
    traced = _trace(rgb, mask, joints, levels, stature, cfg)
    rows, u_int = traced.rows, traced.u
    outline_x = {
        joints.image_side[s]: joints.image_side[s] * traced.u_exact[s] for s in ("left", "right")
    }
    arms.check_arms(lm, outline_x, rows, levels.mid_x, levels.thigh_px, cc)
    on_left = joints.image_side["left"] < 0
    pair = ("left", "right") if on_left else ("right", "left")
    clothing.check_clothing(
        mask,
        (joints.hip[pair[0]], joints.hip[pair[1]]),
        (joints.knee[pair[0]], joints.knee[pair[1]]),
        crest_y=levels.crest_y,
        stature_px=stature,
        config=cc,
    )
    warnings += quality.blur_and_contrast(traced.blur_px, traced.contrast, mm_per_px, qc)
    if turned is None:  # no 3-D landmarks from this detector: the coarse outline estimate
        t = quality.check_turn(_yaw(rows, u_int, joints, levels, qc), qc)
        if t is not None:
            warnings.append(t)
    same_run = (traced.run_id["left"] == traced.run_id["right"]) & (traced.run_id["left"] >= 0)
    widths = _torso_widths(u_int, same_run=same_run)
    waist = find_waist(rows, widths, levels, config=cfg.dip)
    if waist is None:
        raise AnalysisError(Reason.OUTLINE_NOT_FOUND, "no waist between ribs and crest")
    dips: dict[str, DipMeasurement] = {}
    spans: dict[str, uncertainty.DepthUncertainty] = {}
    end = int(np.floor(levels.midthigh_y))
    for s in ("left", "right"):
        sel = (rows >= waist) & (rows <= end) & ~np.isnan(u_int[s])
        dip = measure_dip(
            rows[sel],
            u_int[s][sel],
            hip_y=joints.hip[s][1],
            levels=levels,
            mm_per_px=mm_per_px,
            config=cfg.dip,
        )
        if dip is None:
            raise AnalysisError(Reason.OUTLINE_NOT_FOUND, f"{s} side")
        dips[s] = dip
        spans[s] = uncertainty.depth_uncertainty(
            rows[sel],
            u_int[s][sel],
            depth_mm=dip.depth_mm,
            hip_y=joints.hip[s][1],
            levels=levels,
            mm_per_px=mm_per_px,
            noise_px=uncertainty.edge_noise_px(traced.raw[s], traced.u_exact[s]),
            smooth_rows=traced.smooth_rows,
            dip=cfg.dip,
            config=cfg.uncertainty,
        )
    check_plausible(
        {s: d.depth_mm for s, d in dips.items()},
        {s: spans[s].spread_mm for s in dips},
        cfg.plausibility,
    )
    sides = {s: _side_result(dips[s], spans[s], cfg) for s in ("left", "right")}
    geometry = _geometry(rgb.shape, dips, joints, levels, waist, lm, (top, top + stature))
    return sides, mm_per_px, warnings, geometry, view


def _side_result(
    dip: DipMeasurement, span: uncertainty.DepthUncertainty, cfg: AnalysisConfig
) -> SideResult:
    return SideResult(
        present=dip.present,
        depth_mm=dip.depth_mm,
        center_mm_rel_hip=dip.center_mm_rel_hip,
        extent_mm=dip.extent_mm,
        grade=cfg.grade.of(dip.depth_mm),
        depth_interval_mm=(span.low_mm, span.high_mm),
        presence=uncertainty.presence(span.low_mm, span.high_mm, cfg.dip.present_mm),
    )


@dataclass(frozen=True)
class _Traced:
    """Refined outline per anatomical side on rows from the rib level to mid-thigh."""

    rows: npt.NDArray[np.int64]
    u: dict[str, npt.NDArray[np.float64]]  # whole-pixel outward coordinate (the mask's edge)
    u_exact: dict[str, npt.NDArray[np.float64]]  # sub-pixel outward coordinate
    run_id: dict[str, npt.NDArray[np.int64]]  # which coarse-mask run each row's edge is on
    raw: dict[str, npt.NDArray[np.float64]]  # sub-pixel edge before the moving average
    smooth_rows: int  # rows in the moving average
    blur_px: float
    contrast: float


def _trace(
    rgb: npt.NDArray[np.uint8],
    mask: npt.NDArray[np.bool_],
    joints: _Joints,
    levels: Levels,
    stature: float,
    cfg: AnalysisConfig,
) -> _Traced:
    """Refined outline per side for every row from the rib level to mid-thigh."""
    h = mask.shape[0]
    y0 = max(int(np.ceil(levels.rib_y)), 0)
    y1 = min(int(np.floor(levels.midthigh_y)), h - 1)
    if y1 - y0 < 10:
        raise AnalysisError(Reason.OUTLINE_NOT_FOUND, "hip region too small")
    rows = np.arange(y0, y1 + 1, dtype=np.int64)
    search = max(6, int(round(cfg.search_fraction * stature)))
    u, exact, run_id, raw, blurs, contrasts = {}, {}, {}, {}, [], []
    half = max(1, round(cfg.edge_smoothing * stature))
    band = RowRuns(mask, rows)
    for s in ("left", "right"):
        hip, knee, side = joints.hip[s], joints.knee[s], joints.image_side[s]
        t = (rows - hip[1]) / max(knee[1] - hip[1], 1e-6)
        xref = np.where(rows <= hip[1], hip[0], hip[0] + t * (knee[0] - hip[0]))
        runs = band.at(xref)
        coarse = np.where(runs.found, runs.end if side > 0 else runs.start, np.nan).astype(float)
        edge = refine_edge(rgb, rows, coarse, side, search_px=search)
        raw[s] = edge.u
        exact[s] = smooth_rows(edge.u, half=half)
        # The definition works on a binary mask: a pixel is body when mostly covered.
        u[s] = np.round(exact[s])
        run_id[s] = np.where(runs.found, runs.start * 100_000 + runs.end, -1).astype(np.int64)
        blurs.append(edge.blur_px)
        contrasts.append(edge.contrast)
    # Blur softens both sides alike; shading widens only the shadowed one: take the sharper.
    return _Traced(
        rows,
        u,
        exact,
        run_id,
        raw,
        2 * half + 1,
        float(np.nanmin(blurs)),
        float(np.nanmin(contrasts)),
    )


def _yaw(
    rows: npt.NDArray[np.int64],
    u: dict[str, npt.NDArray[np.float64]],
    joints: _Joints,
    levels: Levels,
    qc: quality.QualityConfig,
) -> float:
    i = int(np.clip(round(levels.hip_y) - rows[0], 0, len(rows) - 1))
    pelvis = float(u["left"][i] + u["right"][i])
    if not np.isfinite(pelvis) or pelvis <= 0:
        # No outline at the hip joints: say so rather than guess a turn.
        raise AnalysisError(Reason.OUTLINE_NOT_FOUND, "no outline at the hip joints")
    hips = abs(joints.hip["left"][0] - joints.hip["right"][0])
    return quality.yaw_degrees(hips, pelvis, qc)


def _torso_widths(
    u: dict[str, npt.NDArray[np.float64]], *, same_run: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float64]:
    """Torso width per row (both outward coordinates add up to the run's length)."""
    w = u["left"] + u["right"]
    out: npt.NDArray[np.float64] = np.where(same_run & ~np.isnan(w), w, np.inf)
    return out


def _body_points(lm: npt.NDArray[np.float64], joints: _Joints) -> dict[str, tuple[float, float]]:
    """Shoulders, hips, knees and ankles by anatomical side (assigned by image position)."""
    out: dict[str, tuple[float, float]] = {}
    for name, (a, b) in {
        "shoulder": (lmk.LEFT_SHOULDER, lmk.RIGHT_SHOULDER),
        "hip": (lmk.LEFT_HIP, lmk.RIGHT_HIP),
        "knee": (lmk.LEFT_KNEE, lmk.RIGHT_KNEE),
        "ankle": (lmk.LEFT_ANKLE, lmk.RIGHT_ANKLE),
    }.items():
        pair = sorted([lm[a, :2], lm[b, :2]], key=lambda p: p[0])
        left_on_right = joints.image_side["left"] > 0
        out[f"{name}_left"] = _pt(pair[1] if left_on_right else pair[0])
        out[f"{name}_right"] = _pt(pair[0] if left_on_right else pair[1])
    return out


def _geometry(
    shape: tuple[int, ...],
    dips: dict[str, DipMeasurement],
    joints: _Joints,
    levels: Levels,
    waist: int,
    lm: npt.NDArray[np.float64],
    stature_rows: tuple[float, float],
) -> Geometry:
    outline: dict[str, tuple[tuple[float, float], ...]] = {}
    envelope: dict[str, tuple[tuple[float, float], ...]] = {}
    deepest: dict[str, tuple[float, float] | None] = {}
    for s, d in dips.items():
        sign = joints.image_side[s]
        outline[s] = tuple((sign * u, float(y)) for y, u in zip(d.rows, d.outline_u, strict=True))
        envelope[s] = tuple((sign * u, float(y)) for y, u in zip(d.rows, d.envelope_u, strict=True))
        if d.deepest_y is None:
            deepest[s] = None
        else:
            i = d.rows.index(int(d.deepest_y))
            deepest[s] = (sign * d.outline_u[i], d.deepest_y)
    marks = {f"hip_{s}": joints.hip[s] for s in ("left", "right")}
    marks |= {f"knee_{s}": joints.knee[s] for s in ("left", "right")}
    return Geometry(
        image_side=dict(joints.image_side),
        body_points=_body_points(lm, joints),
        stature_rows=stature_rows,
        outline=outline,
        envelope=envelope,
        deepest=deepest,
        landmarks=marks,
        levels={
            "waist": float(waist),
            "crest": levels.crest_y,
            "hip": levels.hip_y,
            "midthigh": levels.midthigh_y,
        },
        image_size=(int(shape[0]), int(shape[1])),
    )
