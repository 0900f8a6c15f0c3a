"""Depth-over-time charts drawn as inline SVG on the server (no chart library, no CDN),
with the pieces of :mod:`hipdip.web.core.charts`.

`depth_charts` turns measured photos into plain geometry; the template only draws it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from hipdip.web.assessments.models import Photo
from hipdip.web.core.charts import DateAxis, Tick, line_path, steps

WIDTH, HEIGHT = 520, 230
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 40, 14, 14, 36
SIDES = (("left", "Subject's left side"), ("right", "Subject's right side"))
VIEWS = (("front", "Front photos"), ("back", "Back photos"))


@dataclass(frozen=True)
class DepthPoint:
    """One measured depth at its place on a chart (the progress chart draws the same)."""

    x: float
    y: float
    depth_mm: float
    taken_on: dt.date
    label: str


@dataclass(frozen=True)
class Series:
    view: str
    label: str
    points: tuple[DepthPoint, ...]

    @property
    def path(self) -> str:
        return line_path(self.points)


@dataclass(frozen=True)
class DepthChart:
    side: str
    title: str
    series: tuple[Series, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = PAD_LEFT
    plot_right: int = WIDTH - PAD_RIGHT
    plot_top: int = PAD_TOP
    plot_bottom: int = HEIGHT - PAD_BOTTOM

    @property
    def is_empty(self) -> bool:
        return not any(s.points for s in self.series)

    @property
    def latest(self) -> tuple[str, DepthPoint] | None:
        """The most recent point, from the front view when there is one (the view shown
        first everywhere), as (view, point)."""
        for series in sorted(self.series, key=lambda s: s.view != "front"):
            if series.points:
                return series.view, max(series.points, key=lambda p: p.taken_on)
        return None


def depth_charts(photos: Iterable[Photo]) -> list[DepthChart]:
    """One chart per anatomical side, with a line per view, from measured photos."""
    rows = [
        (p.session.taken_on, p.view, side, depth, p.session.purpose_label)
        for p in photos
        for side, depth in (("left", p.left_depth_mm), ("right", p.right_depth_mm))
        if depth is not None
    ]
    dates = sorted({r[0] for r in rows})
    top = max([15.0, *(r[3] for r in rows)])
    y_max = 5.0 * math.ceil(top / 5.0)
    x_of = _XScale(dates)

    def y_of(v: float) -> float:
        return (HEIGHT - PAD_BOTTOM) - (v / y_max) * (HEIGHT - PAD_BOTTOM - PAD_TOP)

    y_ticks = tuple(Tick(y_of(v), f"{v:g}") for v in steps(0.0, y_max, 5.0))
    x_ticks = _spaced([Tick(x_of(d), f"{d:%d %b}") for d in _thin(dates, 6)])
    charts = []
    for side, title in SIDES:
        series = []
        for view, label in VIEWS:
            pts = tuple(
                DepthPoint(x_of(d), y_of(v), v, d, purpose)
                for d, vw, sd, v, purpose in rows
                if sd == side and vw == view
            )
            series.append(Series(view=view, label=label, points=pts))
        charts.append(
            DepthChart(
                side=side, title=title, series=tuple(series), y_ticks=y_ticks, x_ticks=x_ticks
            )
        )
    return charts


class _XScale:
    """The date axis of the depth charts: a :class:`DateAxis` over the measured dates, or
    the middle of the plot when they are all one day."""

    def __init__(self, dates: list[dt.date]) -> None:
        first = dates[0] if dates else dt.date.today()
        span = (dates[-1] - dates[0]).days if len(dates) > 1 else 0
        self.single = span == 0
        self.axis = DateAxis(
            first=first, span_days=max(span, 1), left=PAD_LEFT + 18, right=WIDTH - PAD_RIGHT - 18
        )

    def __call__(self, d: dt.date) -> float:
        if self.single:
            return (self.axis.left + self.axis.right) / 2
        return self.axis(d)


def _spaced(ticks: list[Tick], gap: float = 52.0) -> tuple[Tick, ...]:
    """Drop date labels that would overlap; the latest date always keeps its label."""
    kept: list[Tick] = []
    for tick in reversed(ticks):
        if not kept or kept[-1].pos - tick.pos >= gap:
            kept.append(tick)
    return tuple(reversed(kept))


def _thin(dates: list[dt.date], most: int) -> list[dt.date]:
    if len(dates) <= most:
        return dates
    step = math.ceil(len(dates) / most)
    picked = dates[::step]
    return picked if picked[-1] == dates[-1] else [*picked[:-1], dates[-1]]
