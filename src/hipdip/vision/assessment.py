"""The result of analysing one photo, and its JSON form (the `hipdip analyze` contract).

Pixel coordinates follow `hipdip.vision.conventions`: points are ``(x, y)`` = ``(col, row)``
in the analysed image (names end in ``_xy``), sizes are ``(height, width)`` (``_hw``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hipdip.vision.conventions import SIDES, DipGrade, Presence, View
from hipdip.vision.errors import Reason

PointXY = tuple[float, float]

__all__ = ["SIDES", "Assessment", "Geometry", "Grade", "PointXY", "SideResult", "Warning_"]


@dataclass(frozen=True)
class Grade:
    """Neutral words for dip depth bands; presence follows the definition (>= 3 mm)."""

    mild_mm: float = 3.0
    moderate_mm: float = 6.0
    marked_mm: float = 10.0

    def of(self, depth_mm: float) -> DipGrade:
        """The band name for a depth in millimetres."""
        if depth_mm < self.mild_mm:
            return DipGrade.NONE
        if depth_mm < self.moderate_mm:
            return DipGrade.MILD
        if depth_mm < self.marked_mm:
            return DipGrade.MODERATE
        return DipGrade.MARKED


@dataclass(frozen=True)
class SideResult:
    """The dip on one anatomical side. Lengths in mm."""

    present: bool
    depth_mm: float
    center_mm_rel_hip: float | None
    extent_mm: float
    grade: DipGrade
    #: 90 % interval of the depth, (low, high) in mm; None when not computed (results
    #: stored before intervals existed).
    depth_interval_mm: tuple[float, float] | None = None
    #: Three-valued presence from the interval; `present` stays the bare depth >= 3 mm.
    presence: Presence | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with lengths rounded to 0.1 mm."""
        iv = self.depth_interval_mm
        return {
            "present": self.present,
            "presence": None if self.presence is None else self.presence.value,
            "depth_interval_mm": None if iv is None else [round(iv[0], 1), round(iv[1], 1)],
            "depth_mm": round(self.depth_mm, 1),
            "center_mm_rel_hip": None
            if self.center_mm_rel_hip is None
            else round(self.center_mm_rel_hip, 1),
            "extent_mm": round(self.extent_mm, 1),
            "grade": self.grade.value,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SideResult:
        """The inverse of :meth:`to_dict`."""
        center = data["center_mm_rel_hip"]
        iv = data.get("depth_interval_mm")
        presence = data.get("presence")
        return cls(
            present=bool(data["present"]),
            depth_mm=float(data["depth_mm"]),
            center_mm_rel_hip=None if center is None else float(center),
            extent_mm=float(data["extent_mm"]),
            grade=DipGrade(data["grade"]),
            depth_interval_mm=None if iv is None else (float(iv[0]), float(iv[1])),
            presence=None if presence is None else Presence(presence),
        )


@dataclass(frozen=True)
class Warning_:
    """A caveat that did not stop the measurement."""

    code: Reason
    message: str

    def to_dict(self) -> dict[str, str]:
        """JSON form: code and sentence."""
        return {"code": self.code.value, "message": self.message}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Warning_:
        """The inverse of :meth:`to_dict`."""
        return cls(code=Reason(data["code"]), message=str(data["message"]))


@dataclass(frozen=True)
class Geometry:
    """What the overlay and the pictures draw, in pixels of the analysed image.

    Every point is ``(x, y)`` = ``(col, row)``; per-side mappings are keyed by the
    anatomical side (``"left"``, ``"right"``).
    """

    #: The traced outline per side, one point per row from the waist to mid-thigh.
    outline_xy: dict[str, tuple[PointXY, ...]]
    #: The convex envelope of that outline, on the same rows.
    envelope_xy: dict[str, tuple[PointXY, ...]]
    #: The deepest point of the dip per side, or None when there is no pocket.
    deepest_xy: dict[str, PointXY | None]
    #: The hip and knee joints used for the levels: ``hip_left``, ``knee_right``...
    joints_xy: dict[str, PointXY]
    #: Rows of the measurement levels: ``waist``, ``crest``, ``hip``, ``midthigh``.
    level_rows: dict[str, float]
    #: (height, width) of the analysed image: the space of every coordinate here.
    image_size_hw: tuple[int, int]
    #: +1 when that anatomical side is on the image's right, -1 on its left.
    image_side: dict[str, int] = field(default_factory=dict)
    #: Anatomical body points for aligning two photos: ``shoulder_left`` ... ``ankle_right``.
    body_points_xy: dict[str, PointXY] = field(default_factory=dict)
    #: Rows of the head top and the floor line used for the scale.
    stature_rows: tuple[float, float] = (0.0, 0.0)

    def to_dict(self) -> dict[str, Any]:
        """JSON form, at full float precision so :meth:`from_dict` restores it exactly."""
        return {
            "outline_xy": {s: [list(p) for p in pts] for s, pts in self.outline_xy.items()},
            "envelope_xy": {s: [list(p) for p in pts] for s, pts in self.envelope_xy.items()},
            "deepest_xy": {s: None if p is None else list(p) for s, p in self.deepest_xy.items()},
            "joints_xy": {k: list(p) for k, p in self.joints_xy.items()},
            "level_rows": dict(self.level_rows),
            "image_size_hw": list(self.image_size_hw),
            "image_side": dict(self.image_side),
            "body_points_xy": {k: list(p) for k, p in self.body_points_xy.items()},
            "stature_rows": list(self.stature_rows),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Geometry:
        """The inverse of :meth:`to_dict`.

        Raises
        ------
        KeyError, TypeError, ValueError
            When `data` is not a geometry's JSON form.
        """
        h, w = data["image_size_hw"]
        top, floor = data["stature_rows"]
        return cls(
            outline_xy={s: tuple(_xy(p) for p in pts) for s, pts in data["outline_xy"].items()},
            envelope_xy={s: tuple(_xy(p) for p in pts) for s, pts in data["envelope_xy"].items()},
            deepest_xy={s: None if p is None else _xy(p) for s, p in data["deepest_xy"].items()},
            joints_xy={k: _xy(p) for k, p in data["joints_xy"].items()},
            level_rows={k: float(v) for k, v in data["level_rows"].items()},
            image_size_hw=(int(h), int(w)),
            image_side={k: int(v) for k, v in data["image_side"].items()},
            body_points_xy={k: _xy(p) for k, p in data["body_points_xy"].items()},
            stature_rows=(float(top), float(floor)),
        )


def _xy(p: Any) -> PointXY:
    x, y = p
    return (float(x), float(y))


@dataclass(frozen=True)
class Assessment:
    """Everything known about one photo: the sides, or why there are none."""

    image: str
    ok: bool
    view: View | None
    height_cm: float | None
    mm_per_px: float | None = None
    sides: dict[str, SideResult] | None = None
    error: Reason | None = None
    error_message: str | None = None
    warnings: tuple[Warning_, ...] = ()
    timing_ms: dict[str, float] = field(default_factory=dict)
    geometry: Geometry | None = None

    def to_dict(self, *, include_geometry: bool = True) -> dict[str, Any]:
        """The JSON object of the `hipdip analyze --json` contract.

        Lengths are rounded as the contract shows them (0.1 mm, ``mm_per_px`` to 4 places,
        timings to 0.1 ms); the geometry, when included, keeps full precision.

        Parameters
        ----------
        include_geometry : add a ``"geometry"`` key (``null`` for a failed photo). The
            stored form includes it; the command line's JSON lines leave it out unless
            asked with ``--geometry``.
        """
        out: dict[str, Any] = {
            "image": self.image,
            "ok": self.ok,
            "error": None
            if self.error is None
            else {"code": self.error.value, "message": self.error_message},
            "view": None if self.view is None else self.view.value,
            "height_cm": self.height_cm,
            "mm_per_px": None if self.mm_per_px is None else round(self.mm_per_px, 4),
            "sides": None if self.sides is None else {s: self.sides[s].to_dict() for s in SIDES},
            "warnings": [w.to_dict() for w in self.warnings],
            "timing_ms": {k: round(v, 1) for k, v in self.timing_ms.items()},
        }
        if include_geometry:
            out["geometry"] = None if self.geometry is None else self.geometry.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Assessment:
        """The inverse of :meth:`to_dict`: ``from_dict(a.to_dict()).to_dict() == a.to_dict()``.

        The numbers come back at the precision the dict holds (see :meth:`to_dict`); a
        missing ``"geometry"`` key gives ``geometry=None``.

        Raises
        ------
        KeyError, TypeError, ValueError
            When `data` is not an assessment's JSON form.
        """
        error = data.get("error")
        sides = data.get("sides")
        geometry = data.get("geometry")
        view = data.get("view")
        height = data.get("height_cm")
        scale = data.get("mm_per_px")
        return cls(
            image=str(data["image"]),
            ok=bool(data["ok"]),
            view=None if view is None else View(view),
            height_cm=None if height is None else float(height),
            mm_per_px=None if scale is None else float(scale),
            sides=None if sides is None else {s: SideResult.from_dict(sides[s]) for s in SIDES},
            error=None if error is None else Reason(error["code"]),
            error_message=None if error is None else error["message"],
            warnings=tuple(Warning_.from_dict(w) for w in data.get("warnings", ())),
            timing_ms={k: float(v) for k, v in data.get("timing_ms", {}).items()},
            geometry=None if geometry is None else Geometry.from_dict(geometry),
        )
