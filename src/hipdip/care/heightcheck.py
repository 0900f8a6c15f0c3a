"""Cross-checks of a photo session before its figures are trusted: the stated height against
the patient's record, and the body's proportions against the patient's earlier photos.

The stated height sets every millimetre (the pixel scale is stature / stature in pixels) and
through it every millilitre, so a wrong height silently scales the whole plan. Photos of a
different person scale correctly and are still wrong. Both are caught here; the web layer
holds the session back from plans until staff confirm or correct it.

Proportions
-----------
Three ratios of the analysed geometry, all in pixels of one photo and so independent of the
stated height and of the camera distance:

* shoulder width (the two shoulder joints) / stature,
* hip width (the two hip joint centres) / stature,
* leg length (hip joint to ankle joint, mean of both sides) / stature.

A session is compared with the median of the patient's earlier sessions **in the same view**
(front with front, back with back: the landmarks differ between views). It is flagged when
any ratio differs from that median by more than its tolerance, relative to the median.

Basis of the tolerances (set from published magnitudes, not fitted to any photos here):
a 2-D pose landmark on a full-body photo is placed to within about 1 % of stature (typical
keypoint errors of a few per cent of torso size); a distance between two landmarks then has
a noise of about 1.4 % of stature, and a repeat photo of the same person adds posture
differences of the same order. Taking about three times that noise, relative to each ratio's
typical size (shoulders ~0.20, hip joints ~0.10, leg ~0.45 of stature), gives
``SHOULDER 0.20``, ``HIP 0.35`` and ``LEG 0.10``. Between adults these ratios vary by about
3-6 % (one standard deviation), so the check catches a clearly different build (a different
person, a child, a photo of someone else) and says nothing about look-alikes: it is a safety
net for mix-ups, not identification.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hipdip.vision.assessment import Geometry

__all__ = [
    "PROPORTION_TOLERANCE",
    "HeightDifference",
    "ProportionDifference",
    "Proportions",
    "compare_proportions",
    "height_difference",
    "proportions_of",
]

#: Largest relative difference from the earlier median before a ratio is flagged.
PROPORTION_TOLERANCE: Mapping[str, float] = {"shoulder": 0.20, "hip": 0.35, "leg": 0.10}

#: Plain names of the ratios, for the explanation staff read.
RATIO_NAMES: Mapping[str, str] = {
    "shoulder": "shoulder width",
    "hip": "hip width",
    "leg": "leg length",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class HeightDifference:
    """A stated height against the recorded one, in centimetres."""

    stated_cm: float
    recorded_cm: float
    tolerance_cm: float

    @property
    def difference_cm(self) -> float:
        return self.stated_cm - self.recorded_cm

    @property
    def flagged(self) -> bool:
        # Compared at the 0.1 cm heights are stored at, so 3.0 cm off is within 3 cm.
        return round(abs(self.difference_cm), 1) > self.tolerance_cm

    @property
    def explanation(self) -> str:
        return (
            f"The height given with these photos, {self.stated_cm:.1f} cm, is "
            f"{abs(self.difference_cm):.1f} cm {'more' if self.difference_cm > 0 else 'less'} "
            f"than the patient's recorded height of {self.recorded_cm:.1f} cm (the clinic "
            f"checks differences over {self.tolerance_cm:g} cm). Every millimetre and "
            "millilitre is scaled by this height."
        )


def height_difference(
    *, stated_cm: float, recorded_cm: float | None, tolerance_cm: float
) -> HeightDifference | None:
    """The difference to check, or None when there is no recorded height to compare with."""
    for name, v in (("stated_cm", stated_cm), ("tolerance_cm", tolerance_cm)):
        if not math.isfinite(v) or v <= 0:
            raise ValueError(f"{name} must be a positive number, got {v!r}")
    if recorded_cm is None:
        return None
    return HeightDifference(stated_cm=stated_cm, recorded_cm=recorded_cm, tolerance_cm=tolerance_cm)


@dataclass(frozen=True, slots=True, kw_only=True)
class Proportions:
    """Scale-free body ratios of one photo (each a length over stature, both in pixels)."""

    view: str
    shoulder: float
    hip: float
    leg: float

    def ratio(self, name: str) -> float:
        return float(getattr(self, name))


def proportions_of(geometry: Geometry, *, view: str) -> Proportions | None:
    """The ratios of one analysed photo, or None when its geometry lacks the points."""
    top, floor = geometry.stature_rows
    stature = floor - top
    p = geometry.body_points_xy
    needed = ("shoulder", "hip", "ankle")
    if stature <= 0 or any(f"{k}_{s}" not in p for k in needed for s in ("left", "right")):
        return None
    leg = math.dist(p["hip_left"], p["ankle_left"]) + math.dist(p["hip_right"], p["ankle_right"])
    return Proportions(
        view=view,
        shoulder=math.dist(p["shoulder_left"], p["shoulder_right"]) / stature,
        hip=math.dist(p["hip_left"], p["hip_right"]) / stature,
        leg=leg / 2 / stature,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class ProportionDifference:
    """One ratio that differs from the patient's earlier photos by more than its tolerance."""

    view: str
    ratio: str
    now: float
    before: float

    @property
    def relative(self) -> float:
        return (self.now - self.before) / self.before

    @property
    def explanation(self) -> str:
        return (
            f"In the {self.view} photo the {RATIO_NAMES[self.ratio]} is "
            f"{abs(self.relative) * 100:.0f} % {'larger' if self.relative > 0 else 'smaller'} "
            "for the body's height than in this patient's earlier photos (photos of the same "
            f"person differ by up to {PROPORTION_TOLERANCE[self.ratio] * 100:.0f} %)."
        )


def compare_proportions(
    now: Sequence[Proportions], earlier: Sequence[Proportions]
) -> tuple[ProportionDifference, ...]:
    """The ratios of ``now`` that differ from the median of ``earlier`` in the same view."""
    out: list[ProportionDifference] = []
    for current in now:
        same_view = [e for e in earlier if e.view == current.view]
        if not same_view:
            continue
        for name, tolerance in PROPORTION_TOLERANCE.items():
            before = statistics.median(e.ratio(name) for e in same_view)
            if before <= 0:
                continue
            value = current.ratio(name)
            if abs(value - before) / before > tolerance:
                out.append(
                    ProportionDifference(view=current.view, ratio=name, now=value, before=before)
                )
    return tuple(out)
