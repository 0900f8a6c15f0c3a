"""Surgical-marker style markings, suggested from an assessment and kept as data.

A mark is a small record (kind, shape, centre, radii, label, side) so a surgeon can move, add
or remove marks in the web app and the same marks print in documents. Coordinates are (x, y)
= (column, row) pixels of the analysed image.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any, Literal

import cv2
import numpy as np
import numpy.typing as npt

from hipdip.vision.assessment import Assessment
from hipdip.vision.drawing import halo_text

Kind = Literal["recipient", "donor", "incision"]
KINDS: tuple[str, ...] = ("recipient", "donor", "incision")

# Gentian violet, the colour of skin-marker ink, over a white halo: it reads on light and dark
# skin and on light and dark backgrounds alike.
INK = (112, 36, 196)
INK_DONOR = (30, 110, 220)
HALO = (255, 255, 255)


@dataclass(frozen=True)
class Mark:
    """One mark: an ellipse zone (recipient or donor) or an incision point."""

    id: str
    kind: Kind
    x: float
    y: float
    rx: float = 0.0
    ry: float = 0.0
    label: str = ""
    side: str | None = None
    #: Where the label sits: above the zone, or to its left or right.
    label_at: Literal["above", "left", "right"] = "above"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, image_size_hw: tuple[int, int]) -> Mark:
        """Validate and build a mark from untrusted data (e.g. the web editor)."""
        if not isinstance(data, dict):
            raise ValueError("a mark must be an object")
        kind = data.get("kind")
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        h, w = image_size_hw
        x, y = _number(data.get("x"), "x"), _number(data.get("y"), "y")
        rx, ry = _number(data.get("rx", 0.0), "rx"), _number(data.get("ry", 0.0), "ry")
        if not (0 <= x <= w and 0 <= y <= h):
            raise ValueError("the mark lies outside the photo")
        if not (0 <= rx <= w and 0 <= ry <= h):
            raise ValueError("radii must be between 0 and the photo's size")
        side = data.get("side")
        if side not in (None, "left", "right"):
            raise ValueError("side must be left, right or empty")
        label = data.get("label", "")
        if not isinstance(label, str):
            raise ValueError("label must be text")
        label = label[:40]
        label_at = data.get("label_at", "above")
        if label_at not in ("above", "left", "right"):
            raise ValueError("label_at must be above, left or right")
        return cls(
            id=str(data.get("id", ""))[:40] or f"{kind}-{round(x)}-{round(y)}",
            kind=kind,
            x=x,
            y=y,
            rx=rx,
            ry=ry,
            label=label,
            side=side,
            label_at=label_at,
        )


def _number(value: Any, name: str) -> float:
    """A finite number from JSON; booleans and numeric strings are refused."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name} must be a number")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number")
    return float(value)


def suggest_marks(assessment: Assessment) -> tuple[Mark, ...]:
    """Marks a surgeon would start from: the dips, usual donor zones and entry points.

    Donor zones are suggestions (flanks and outer thighs always; the abdomen in a front view,
    the lower back in a back view); the surgeon chooses.
    """
    geo = assessment.geometry
    if not assessment.ok or geo is None or assessment.sides is None:
        raise ValueError("markings need a successful assessment")
    thigh = 2.0 * (geo.level_rows["midthigh"] - geo.level_rows["hip"])
    marks: list[Mark] = []
    for side in ("left", "right"):
        marks += _recipient(assessment, side, thigh)
        marks += _side_donors(assessment, side, thigh)
    marks += _midline(assessment, thigh)
    return tuple(marks)


def _recipient(a: Assessment, side: str, thigh: float) -> list[Mark]:
    geo, sides = a.geometry, a.sides
    assert geo is not None and sides is not None
    sign, letter = geo.image_side[side], side[0].upper()
    o, e = np.asarray(geo.outline_xy[side]), np.asarray(geo.envelope_xy[side])
    gap = sign * (e[:, 0] - o[:, 0])
    deepest = geo.deepest_xy[side]
    if deepest is None or gap.max() <= 0.5:
        return []
    zone = np.nonzero(gap > 0.5 * gap.max())[0]
    y0, y1 = float(o[zone[0], 1]), float(o[zone[-1], 1])
    ry = float(np.clip(0.5 * (y1 - y0) + 0.02 * thigh, 0.05 * thigh, 0.16 * thigh))
    rx = max(0.4 * ry, 4 * float(gap.max()))
    cx, cy = deepest[0] - sign * 0.7 * rx, 0.5 * (y0 + y1)
    label = f"{letter} dip {sides[side].depth_mm:.0f} mm"
    return [
        Mark(
            f"recipient-{side}",
            "recipient",
            cx,
            cy,
            rx,
            ry,
            label,
            side,
            "right" if sign > 0 else "left",
        ),
        Mark(
            f"incision-{side}-hip",
            "incision",
            deepest[0] - sign * 0.2 * rx,
            cy + ry + 0.04 * thigh,
            label=f"{letter} entry",
            side=side,
        ),
    ]


def _side_donors(a: Assessment, side: str, thigh: float) -> list[Mark]:
    geo = a.geometry
    assert geo is not None
    sign, letter, lv = geo.image_side[side], side[0].upper(), geo.level_rows
    o = np.asarray(geo.outline_xy[side])

    def edge_at(y: float) -> float:
        return float(np.interp(y, o[:, 1], o[:, 0]))

    fy = 0.5 * (lv["waist"] + lv["crest"])
    ty = lv["hip"] + 0.95 * (lv["midthigh"] - lv["hip"])
    return [
        Mark(
            f"donor-{side}-flank",
            "donor",
            edge_at(fy) - sign * 0.09 * thigh,
            fy,
            0.08 * thigh,
            0.12 * thigh,
            f"{letter} flank",
            side,
        ),
        Mark(
            f"donor-{side}-thigh",
            "donor",
            edge_at(ty) - sign * 0.08 * thigh,
            ty,
            0.07 * thigh,
            0.12 * thigh,
            f"{letter} outer thigh",
            side,
            "right" if sign > 0 else "left",
        ),
    ]


def _midline(a: Assessment, thigh: float) -> list[Mark]:
    geo = a.geometry
    assert geo is not None
    lv = geo.level_rows
    mid_x = 0.5 * (geo.joints_xy["hip_left"][0] + geo.joints_xy["hip_right"][0])
    if a.view == "front":
        return [
            Mark(
                "donor-abdomen",
                "donor",
                mid_x,
                0.5 * (lv["crest"] + lv["hip"]),
                0.3 * thigh,
                0.12 * thigh,
                "lower abdomen",
            ),
            *(
                Mark(
                    f"incision-abdomen-{k}",
                    "incision",
                    mid_x + dx * thigh,
                    lv["hip"] + 0.02 * thigh,
                    label="entry",
                )
                for k, dx in (("a", -0.18), ("b", 0.18))
            ),
        ]
    return [
        Mark(
            "donor-back",
            "donor",
            mid_x,
            lv["waist"] + 0.06 * thigh,
            0.15 * thigh,
            0.07 * thigh,
            "lower back",
        ),
        Mark("incision-sacral", "incision", mid_x, lv["crest"] + 0.05 * thigh, label="entry"),
    ]


def render_marks(rgb: npt.NDArray[np.uint8], marks: tuple[Mark, ...]) -> npt.NDArray[np.uint8]:
    """Draw marks in marker-pen style: dashed zones, hatched dips, dotted entry points.

    Parameters
    ----------
    rgb : (rows, cols, 3) uint8, the photo as analysed (the marks' coordinate space).
    marks : marks with (x, y) = (col, row) centres and radii in pixels.

    Returns
    -------
    (rows, cols, 3) uint8 RGB copy with the marks drawn.
    """
    out = rgb.copy()
    scale = max(out.shape[:2]) / 1800.0
    thick = max(2, round(3 * scale))
    for m in marks:
        if m.kind == "incision":
            _point(out, m, thick, scale)
        else:
            _zone(out, m, thick, scale)
    return out


def _zone(img: npt.NDArray[np.uint8], m: Mark, thick: int, scale: float) -> None:
    colour = INK if m.kind == "recipient" else INK_DONOR
    axes = (max(1, round(m.rx)), max(1, round(m.ry)))
    pts = np.asarray(cv2.ellipse2Poly((round(m.x), round(m.y)), axes, 0, 0, 360, 4), np.int32)
    if m.kind == "recipient":
        layer = img.copy()
        cv2.fillPoly(layer, [pts], colour, cv2.LINE_AA)
        cv2.addWeighted(layer, 0.22, img, 0.78, 0, dst=img)
    for i in range(0, len(pts) - 1, 2):  # dashes
        a, b = tuple(int(v) for v in pts[i]), tuple(int(v) for v in pts[i + 1])
        cv2.line(img, a, b, HALO, thick + 3, cv2.LINE_AA)
        cv2.line(img, a, b, colour, thick, cv2.LINE_AA)
    size = 0.6 * max(scale, 0.6)
    (tw, _), _ = cv2.getTextSize(m.label, cv2.FONT_HERSHEY_SIMPLEX, size, 2)
    if m.label_at == "right":
        at = (m.x + m.rx + 8 * scale, m.y)
    elif m.label_at == "left":
        at = (m.x - m.rx - 8 * scale - tw, m.y)
    else:
        at = (m.x - tw / 2, m.y - m.ry - 8 * scale)
    _text(img, m.label, at, colour, scale)


def _point(img: npt.NDArray[np.uint8], m: Mark, thick: int, scale: float) -> None:
    c = (round(m.x), round(m.y))
    r = max(4, round(6 * scale))
    cv2.circle(img, c, r + 3, HALO, -1, cv2.LINE_AA)
    cv2.circle(img, c, r, INK, -1, cv2.LINE_AA)
    cv2.line(img, (c[0] - 2 * r, c[1]), (c[0] + 2 * r, c[1]), INK, max(1, thick - 1), cv2.LINE_AA)
    if m.label:
        _text(img, m.label, (m.x + 2.5 * r, m.y + 4 * scale), INK, scale * 0.8)


def _text(
    img: npt.NDArray[np.uint8],
    text: str,
    at: tuple[float, float],
    colour: tuple[int, int, int],
    scale: float,
) -> None:
    if not text:
        return
    org = (max(2, round(at[0])), max(16, round(at[1])))
    size = 0.6 * max(scale, 0.6)
    halo_text(img, text, org, size=size, colour=colour, halo=HALO)
