"""One figure per side from the views that measured it, with the words that say how.

A session may measure a side twice: from the front and from the back. Both photos see the
same indentation from opposite directions, so the session's figure for the side is the
mean of the two (depth and extent separately), as the volume model assumes. Every page,
document and API response that shows "the" depth of a side for a session uses this one
combination and shows the views it came from, so the same session never reads as three
unexplained numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from hipdip.vision.conventions import Side, View

__all__ = ["SideFigure", "SideMeasurement", "combine_side", "combine_sides"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SideMeasurement:
    """One side measured in one view (millimetres at the body plane)."""

    side: Side
    view: View
    depth_mm: float
    extent_mm: float

    def __post_init__(self) -> None:
        for name in ("depth_mm", "extent_mm"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not math.isfinite(value):
                raise ValueError(f"{name} must be a finite number, got {value!r}")
            if not 0 <= value <= 500:
                raise ValueError(f"{name} must be between 0 and 500 mm, got {value}")


@dataclass(frozen=True, slots=True, kw_only=True)
class SideFigure:
    """A side's figure for a session: the mean over the views that measured it."""

    side: Side
    depth_mm: float
    extent_mm: float
    views: tuple[SideMeasurement, ...]  # front first

    @property
    def how(self) -> str:
        """How the figure was reached, e.g. "mean of front 10.6 and back 14.8 mm"."""
        parts = [f"{v.view.value} {v.depth_mm:.1f}" for v in self.views]
        if len(parts) == 1:
            return f"{self.views[0].view.value} photo only"
        return f"mean of {' and '.join(parts)} mm"

    @property
    def is_combined(self) -> bool:
        return len(self.views) > 1


def combine_side(side: Side, views: Sequence[SideMeasurement]) -> SideFigure:
    """The mean depth and extent of ``side`` over ``views`` (at most one per view).

    Depths are rounded to the 0.1 mm they are stored and shown at before averaging, and
    the mean is rounded to 0.1 mm too, so the figure is the mean of the numbers a reader
    sees beside it and every surface prints the same digits.
    """
    mine = sorted((v for v in views if v.side is side), key=lambda v: v.view is not View.FRONT)
    if not mine:
        raise ValueError(f"no measurement of the {side.value} side")
    if len({v.view for v in mine}) != len(mine):
        raise ValueError("each side may have at most one front and one back measurement")
    depth = round(sum(round(v.depth_mm, 1) for v in mine) / len(mine), 1)
    extent = sum(v.extent_mm for v in mine) / len(mine)
    return SideFigure(side=side, depth_mm=depth, extent_mm=extent, views=tuple(mine))


def combine_sides(views: Sequence[SideMeasurement]) -> tuple[SideFigure, ...]:
    """The figure of every measured side, left first."""
    return tuple(combine_side(s, views) for s in Side if any(v.side is s for v in views))
