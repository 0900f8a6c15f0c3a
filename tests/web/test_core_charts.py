"""The shared pieces of the server-drawn SVG charts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hipdip.web.core.charts import DateAxis, line_path, nice_ceiling, steps


@dataclass(frozen=True)
class _P:
    x: float
    y: float


def test_a_line_path_moves_to_the_first_point_then_draws_to_the_others() -> None:
    assert line_path([_P(1, 2), _P(3.25, 4)]) == "M1.0,2.0 L3.2,4.0"
    assert line_path([]) == ""


def test_the_date_axis_maps_days_linearly_between_its_ends() -> None:
    axis = DateAxis(first=dt.date(2026, 1, 1), span_days=10, left=50.0, right=150.0)
    assert axis(dt.date(2026, 1, 1)) == 50.0
    assert axis(dt.date(2026, 1, 6)) == 100.0
    assert axis(dt.date(2026, 1, 11)) == 150.0


def test_scale_limits_round_up_to_1_2_or_5_times_a_power_of_ten() -> None:
    assert [nice_ceiling(v) for v in (0.7, 1, 1.5, 3, 7, 42)] == [1.0, 1.0, 2.0, 5.0, 10.0, 50.0]
    assert steps(0.0, 15.0, 5.0) == [0.0, 5.0, 10.0, 15.0]
