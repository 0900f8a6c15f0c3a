"""Before/after comparison of two photo sessions of the same person and view.

The later photo is aligned onto the earlier one by a similarity transform (scale, rotation,
translation) fitted to eight body points; the change is reported from the measurements in
millimetres, which do not depend on the alignment. Coordinates are (x, y) pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from hipdip.vision.assessment import Assessment
from hipdip.vision.drawing import DARK, WHITE, halo_text

POINTS = tuple(f"{p}_{s}" for p in ("shoulder", "hip", "knee", "ankle") for s in ("left", "right"))


@dataclass(frozen=True)
class CompareConfig:
    """When photo conditions differ too much for the pictures to be compared at a glance."""

    max_scale_change: float = 0.15  # camera distance or zoom
    max_pose_residual: float = 0.02  # of stature, after alignment
    max_brightness_change: float = 0.15  # of the mean luminance
    max_tilt_deg: float = 4.0


@dataclass(frozen=True)
class SideChange:
    """Change of one side's dip depth from before to after."""

    before_mm: float
    after_mm: float
    change_mm: float
    change_pct: float | None


@dataclass(frozen=True)
class Comparison:
    """Aligned pictures and the measured change per side."""

    sides: dict[str, SideChange]
    notes: tuple[str, ...]
    transform: npt.NDArray[np.float64]  # 2x3, maps the after photo onto the before photo
    aligned_after: npt.NDArray[np.uint8]


def compare(
    before_rgb: npt.NDArray[np.uint8],
    before: Assessment,
    after_rgb: npt.NDArray[np.uint8],
    after: Assessment,
    *,
    config: CompareConfig = CompareConfig(),
) -> Comparison:
    """Align `after` onto `before`, measure the change and note condition differences.

    Parameters
    ----------
    before_rgb, after_rgb : (rows, cols, 3) uint8 RGB photos exactly as analysed.
    before, after : their successful assessments, with geometry (same view).
    config : alignment and condition-check tolerances.

    Returns
    -------
    Comparison
        The after photo warped onto the before photo's pixels, the change per anatomical
        side in mm and percent, and notes on differing conditions.

    Raises
    ------
    ValueError
        When either assessment failed or has no geometry, the views differ, or the body
        points cannot be aligned.
    """
    for name, a in (("before", before), ("after", after)):
        if not a.ok or a.geometry is None or a.sides is None:
            raise ValueError(f"the {name} photo has no successful assessment")
    assert before.geometry is not None and after.geometry is not None
    assert before.sides is not None and after.sides is not None
    if before.view != after.view:
        raise ValueError(f"views differ ({before.view} and {after.view}); compare like with like")
    src = np.array([after.geometry.body_points_xy[k] for k in POINTS], np.float32)
    dst = np.array([before.geometry.body_points_xy[k] for k in POINTS], np.float32)
    fitted, _ = cv2.estimateAffinePartial2D(src, dst, method=cv2.LMEDS)
    if fitted is None:
        raise ValueError("the two photos could not be aligned")
    h, w = before_rgb.shape[:2]
    m: npt.NDArray[np.float64] = np.asarray(fitted, np.float64)
    aligned = np.asarray(
        cv2.warpAffine(
            after_rgb,
            m,
            (w, h),
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=(0, 0, 0),
        ),
        np.uint8,
    )
    sides = {
        s: side_change(before.sides[s].depth_mm, after.sides[s].depth_mm) for s in ("left", "right")
    }
    notes = _notes(before_rgb, aligned, m, src, dst, before, after, config)
    return Comparison(
        sides=sides, notes=notes, transform=m.astype(np.float64), aligned_after=aligned
    )


def side_change(b: float, a: float) -> SideChange:
    """The change from a depth of ``b`` mm to ``a`` mm (no percentage below 1 mm before)."""
    pct = None if b < 1.0 else 100.0 * (a - b) / b
    return SideChange(before_mm=b, after_mm=a, change_mm=a - b, change_pct=pct)


def _notes(
    before_rgb: npt.NDArray[np.uint8],
    aligned: npt.NDArray[np.uint8],
    m: npt.NDArray[np.float64],
    src: npt.NDArray[np.float32],
    dst: npt.NDArray[np.float32],
    before: Assessment,
    after: Assessment,
    cfg: CompareConfig,
) -> tuple[str, ...]:
    notes = []
    scale = float(np.hypot(m[0, 0], m[1, 0]))
    tilt = float(np.degrees(np.arctan2(m[1, 0], m[0, 0])))
    assert before.geometry is not None
    stature = before.geometry.stature_rows[1] - before.geometry.stature_rows[0]
    if abs(scale - 1.0) > cfg.max_scale_change:
        notes.append(
            f"The camera distance or zoom differs (the body appears {abs(scale - 1):.0%} "
            f"{'smaller' if scale > 1 else 'larger'} in the later photo)."
        )
    if abs(tilt) > cfg.max_tilt_deg:
        notes.append(f"The camera was tilted differently (by about {abs(tilt):.0f} degrees).")
    moved = cv2.transform(src[None], m)[0]
    residual = float(np.sqrt(np.mean(np.sum((moved - dst) ** 2, axis=1)))) / max(stature, 1.0)
    if residual > cfg.max_pose_residual:
        notes.append("The pose differs (stance or arm position), so outlines may not line up.")
    valid = aligned.sum(axis=2) > 0
    lb = _luma(before_rgb)[valid].mean()
    la = _luma(aligned)[valid].mean()
    if abs(la - lb) / max(lb, 1.0) > cfg.max_brightness_change:
        notes.append("The lighting differs noticeably between the photos.")
    if before.height_cm != after.height_cm:
        notes.append("The stated height differs between the sessions; check both entries.")
    return tuple(notes)


def _luma(rgb: npt.NDArray[np.uint8]) -> npt.NDArray[np.float64]:
    y: npt.NDArray[np.float64] = rgb @ np.array([0.299, 0.587, 0.114])
    return y


def blend(
    before_rgb: npt.NDArray[np.uint8], comparison: Comparison, t: float
) -> npt.NDArray[np.uint8]:
    """Cross-fade from before (t = 0) to the aligned after photo (t = 1).

    Parameters
    ----------
    before_rgb : (rows, cols, 3) uint8, the before photo as analysed.
    comparison : from :func:`compare` on that photo.
    t : blend weight of the after photo, 0 to 1.

    Returns
    -------
    (rows, cols, 3) uint8 RGB array.
    """
    if not 0.0 <= t <= 1.0:
        raise ValueError("t must be between 0 and 1")
    out: npt.NDArray[np.uint8] = cv2.addWeighted(
        before_rgb, 1.0 - t, comparison.aligned_after, t, 0
    )  # type: ignore[assignment]
    return out


def side_by_side(
    before_rgb: npt.NDArray[np.uint8],
    comparison: Comparison,
    *,
    titles: tuple[str, str] = ("Before", "After"),
) -> npt.NDArray[np.uint8]:
    """One picture for the file: both photos, aligned, with the change per side beneath.

    Parameters
    ----------
    before_rgb : (rows, cols, 3) uint8, the before photo as analysed.
    comparison : from :func:`compare` on that photo.
    titles : the captions above the two photos.

    Returns
    -------
    (rows + band, 2 * cols + gap, 3) uint8 RGB array; the band under the photos holds the
    change per side and up to three notes, one line each.
    """
    h, w = before_rgb.shape[:2]
    gap = max(8, w // 100)
    s = max(0.6, w / 1000)
    notes = comparison.notes[:3]  # one line each; the band grows to hold them
    line = int(30 * s)
    base = max(90, h // 12)
    band = base + line * max(0, len(notes) - 1)
    canvas = np.full((h + band, 2 * w + gap, 3), 250, np.uint8)
    canvas[:h, :w] = before_rgb
    canvas[:h, w + gap :] = comparison.aligned_after
    for i, title in enumerate(titles):
        x = i * (w + gap) + int(12 * s)
        halo_text(
            canvas,
            title,
            (x, int(40 * s)),
            size=1.1 * s,
            colour=DARK,
            halo=WHITE,
            thick=max(1, int(2 * s)),
        )
    y = h + int(base * 0.45)
    for k, side in enumerate(("left", "right")):
        c = comparison.sides[side]
        pct = "" if c.change_pct is None else f" ({c.change_pct:+.0f} %)"
        text = (
            f"Subject's {side}: {c.before_mm:.1f} -> {c.after_mm:.1f} mm, "
            f"{c.change_mm:+.1f} mm{pct}"
        )
        cv2.putText(
            canvas,
            text,
            (int(12 * s) + k * (w + gap), y),
            cv2.FONT_HERSHEY_SIMPLEX,
            0.8 * s,
            (20, 20, 20),
            max(1, int(2 * s)),
            cv2.LINE_AA,
        )
    for i, note in enumerate(notes):
        cv2.putText(
            canvas,
            "Note: " + note,
            (int(12 * s), h + int(base * 0.85) + i * line),
            cv2.FONT_HERSHEY_SIMPLEX,
            0.6 * s,
            (150, 60, 0),
            max(1, int(s)),
            cv2.LINE_AA,
        )
    return canvas
