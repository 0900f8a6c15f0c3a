"""The result of analysing one photo, and its JSON form (the `hipdip analyze` contract)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hipdip.vision.errors import Reason

SIDES = ("left", "right")


@dataclass(frozen=True)
class Grade:
    """Neutral words for dip depth bands; presence follows the definition (>= 3 mm)."""

    mild_mm: float = 3.0
    moderate_mm: float = 6.0
    marked_mm: float = 10.0

    def of(self, depth_mm: float) -> str:
        """The band name for a depth in millimetres."""
        if depth_mm < self.mild_mm:
            return "none"
        if depth_mm < self.moderate_mm:
            return "mild"
        if depth_mm < self.marked_mm:
            return "moderate"
        return "marked"


@dataclass(frozen=True)
class SideResult:
    """The dip on one anatomical side. Lengths in mm."""

    present: bool
    depth_mm: float
    center_mm_rel_hip: float | None
    extent_mm: float
    grade: str
    #: 90 % interval of the depth, (low, high) in mm; None when not computed.
    depth_interval_mm: tuple[float, float] | None = None
    #: "present", "absent", or "uncertain" when the interval straddles 3 mm.
    presence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with lengths rounded to 0.1 mm."""
        iv = self.depth_interval_mm
        return {
            "present": self.present,
            "presence": self.presence,
            "depth_interval_mm": None if iv is None else [round(iv[0], 1), round(iv[1], 1)],
            "depth_mm": round(self.depth_mm, 1),
            "center_mm_rel_hip": None
            if self.center_mm_rel_hip is None
            else round(self.center_mm_rel_hip, 1),
            "extent_mm": round(self.extent_mm, 1),
            "grade": self.grade,
        }


@dataclass(frozen=True)
class Warning_:
    """A caveat that did not stop the measurement."""

    code: Reason
    message: str

    def to_dict(self) -> dict[str, str]:
        """JSON form: code and sentence."""
        return {"code": self.code.value, "message": self.message}


@dataclass(frozen=True)
class Geometry:
    """What the overlay draws, in pixels of the analysed image: (x, y) points per side."""

    outline: dict[str, tuple[tuple[float, float], ...]]
    envelope: dict[str, tuple[tuple[float, float], ...]]
    deepest: dict[str, tuple[float, float] | None]
    landmarks: dict[str, tuple[float, float]]
    levels: dict[str, float]
    image_size: tuple[int, int]
    #: +1 when that anatomical side is on the image's right, -1 on its left.
    image_side: dict[str, int] = field(default_factory=dict)
    #: Anatomical body points for aligning two photos: shoulders, hips, knees, ankles.
    body_points: dict[str, tuple[float, float]] = field(default_factory=dict)
    #: Rows of the head top and the floor line used for the scale.
    stature_rows: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True)
class Assessment:
    """Everything known about one photo: the sides, or why there are none."""

    image: str
    ok: bool
    view: str | None
    height_cm: float | None
    mm_per_px: float | None = None
    sides: dict[str, SideResult] | None = None
    error: Reason | None = None
    error_message: str | None = None
    warnings: tuple[Warning_, ...] = ()
    timing_ms: dict[str, float] = field(default_factory=dict)
    geometry: Geometry | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the `hipdip analyze --json` contract."""
        return {
            "image": self.image,
            "ok": self.ok,
            "error": None
            if self.error is None
            else {"code": self.error.value, "message": self.error_message},
            "view": self.view,
            "height_cm": self.height_cm,
            "mm_per_px": None if self.mm_per_px is None else round(self.mm_per_px, 4),
            "sides": None if self.sides is None else {s: self.sides[s].to_dict() for s in SIDES},
            "warnings": [w.to_dict() for w in self.warnings],
            "timing_ms": {k: round(v, 1) for k, v in self.timing_ms.items()},
        }
