"""Progress chart drawn as inline SVG on the server (with :mod:`hipdip.web.core.charts`):
hip-dip depth per side from measured photo sessions on top,
weekly training volume as bars below, on one shared time axis.

Only geometry is computed here; the template draws it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hipdip.web.assessments.charts import DepthPoint
from hipdip.web.assessments.models import Photo
from hipdip.web.core.charts import DateAxis, Tick, line_path, nice_ceiling, steps
from hipdip.web.training.selectors import WeekVolume

WIDTH = 520
PAD_LEFT, PAD_RIGHT = 40, 12
DEPTH_TOP, DEPTH_BOTTOM = 10, 146
BARS_TOP, BARS_BOTTOM = 190, 262
HEIGHT = 290


@dataclass(frozen=True)
class DepthLine:
    side: str
    label: str
    points: tuple[DepthPoint, ...]

    @property
    def path(self) -> str:
        return line_path(self.points)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    w: float
    h: float
    week: WeekVolume


@dataclass(frozen=True)
class ProgressChart:
    lines: tuple[DepthLine, ...]
    bars: tuple[Bar, ...]
    depth_ticks: tuple[Tick, ...]
    volume_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    today_x: float | None
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = PAD_LEFT
    plot_right: int = WIDTH - PAD_RIGHT
    depth_top: int = DEPTH_TOP
    depth_bottom: int = DEPTH_BOTTOM
    bars_top: int = BARS_TOP
    bars_bottom: int = BARS_BOTTOM

    @property
    def has_depth(self) -> bool:
        return any(line.points for line in self.lines)

    @property
    def has_volume(self) -> bool:
        return any(b.week.reps for b in self.bars)


def _depth_rows(photos: Iterable[Photo]) -> list[tuple[dt.date, str, float, str]]:
    """(date, side, depth, label) per session: the front photo when it was measured,
    else the back one, so each session is one point per side."""
    chosen: dict[object, Photo] = {}
    for p in photos:
        current = chosen.get(p.session_id)
        if current is None or (current.view != "front" and p.view == "front"):
            chosen[p.session_id] = p
    rows = []
    for p in chosen.values():
        for side, depth in (("left", p.left_depth_mm), ("right", p.right_depth_mm)):
            if depth is not None:
                rows.append((p.session.taken_on, side, float(depth), p.session.purpose_label))
    return sorted(rows)


def progress_chart(
    *, photos: Iterable[Photo], weeks: Sequence[WeekVolume], today: dt.date
) -> ProgressChart:
    rows = _depth_rows(photos)
    dates = (
        [r[0] for r in rows]
        + [w.week_start for w in weeks]
        + [w.week_start + dt.timedelta(days=6) for w in weeks]
    )
    first = min(dates, default=today - dt.timedelta(days=28))
    last = max([*dates, today])
    span = max((last - first).days, 7)
    left, right = PAD_LEFT + 10, WIDTH - PAD_RIGHT - 10

    x_of = DateAxis(first=first, span_days=span, left=left, right=right)

    top_mm = max([10.0, *(r[2] for r in rows)])
    y_max = 5.0 * math.ceil(top_mm / 5.0)

    def y_depth(v: float) -> float:
        return DEPTH_BOTTOM - v / y_max * (DEPTH_BOTTOM - DEPTH_TOP)

    lines = tuple(
        DepthLine(
            side=side,
            label=label,
            points=tuple(
                DepthPoint(x_of(d), y_depth(v), v, d, purpose)
                for d, sd, v, purpose in rows
                if sd == side
            ),
        )
        for side, label in (("left", "Left side"), ("right", "Right side"))
    )
    v_max = nice_ceiling(max([1, *(w.reps for w in weeks)]))
    day_w = (right - left) / span
    bars = tuple(
        Bar(
            x=x_of(w.week_start) + day_w * 0.5,
            y=BARS_BOTTOM - w.reps / v_max * (BARS_BOTTOM - BARS_TOP),
            w=max(day_w * 6, 4.0),
            h=w.reps / v_max * (BARS_BOTTOM - BARS_TOP),
            week=w,
        )
        for w in weeks
    )
    return ProgressChart(
        lines=lines,
        bars=bars,
        depth_ticks=tuple(Tick(y_depth(v), f"{v:g}") for v in steps(0.0, y_max, 5.0)),
        volume_ticks=(Tick(BARS_BOTTOM, "0"), Tick(BARS_TOP, f"{v_max:g}")),
        x_ticks=_month_ticks(first, last, x_of),
        today_x=x_of(today),
    )


def _month_ticks(first: dt.date, last: dt.date, x_of: DateAxis) -> tuple[Tick, ...]:
    """Date labels at a readable spacing: weekly for short spans, else monthly."""
    span = (last - first).days
    ticks: list[Tick] = []
    if span <= 70:
        d = first - dt.timedelta(days=first.weekday())
        step = dt.timedelta(days=7 if span <= 35 else 14)
        while d <= last:
            if d >= first:
                ticks.append(Tick(x_of(d), f"{d:%d %b}"))
            d += step
    else:
        d = first.replace(day=1)
        while d <= last:
            if d >= first:
                ticks.append(Tick(x_of(d), f"{d:%b}"))
            d = (d + dt.timedelta(days=32)).replace(day=1)
    return tuple(ticks)
