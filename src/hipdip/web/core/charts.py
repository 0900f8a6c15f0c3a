"""Pieces for charts drawn as inline SVG on the server: axis ticks, a date axis, round
scale limits and line paths. Apps compute their chart's geometry with these; templates
draw it. (Coordinates are SVG user units: x to the right, y down.)"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Tick:
    """One axis label: its position along the axis and its text."""

    pos: float
    label: str


class _XY(Protocol):
    @property
    def x(self) -> float: ...

    @property
    def y(self) -> float: ...


def line_path(points: Iterable[_XY]) -> str:
    """The SVG path ``d`` of a line through ``points`` in order ("" for no points)."""
    return " ".join(f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(points))


@dataclass(frozen=True)
class DateAxis:
    """Days mapped linearly onto [left, right]: ``first`` at ``left``, ``first + span_days``
    at ``right``."""

    first: dt.date
    span_days: int
    left: float
    right: float

    def __call__(self, day: dt.date) -> float:
        return self.left + (day - self.first).days / self.span_days * (self.right - self.left)


def nice_ceiling(value: float) -> float:
    """The next round number at or above ``value`` (1, 2 or 5 times a power of ten)."""
    exp = 10.0 ** math.floor(math.log10(value))
    for m in (1.0, 2.0, 5.0, 10.0):
        if value <= m * exp:
            return m * exp
    return 10.0 * exp  # pragma: no cover


def steps(start: float, stop: float, step: float) -> list[float]:
    """``start``, ``start + step``, ... up to ``stop`` inclusive (rounded to whole steps)."""
    n = int(round((stop - start) / step))
    return [start + i * step for i in range(n + 1)]
