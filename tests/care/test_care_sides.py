"""One figure per side: the mean of the views that measured it, and the words for it."""

from __future__ import annotations

import pytest

from hipdip.care.sides import SideMeasurement, combine_side, combine_sides
from hipdip.vision.conventions import Side, View


def m(side: Side, view: View, depth: float, extent: float = 80.0) -> SideMeasurement:
    return SideMeasurement(side=side, view=view, depth_mm=depth, extent_mm=extent)


def test_front_and_back_are_averaged_and_the_words_say_so() -> None:
    fig = combine_side(
        Side.LEFT, [m(Side.LEFT, View.BACK, 14.8, 90), m(Side.LEFT, View.FRONT, 10.6)]
    )
    assert fig.depth_mm == pytest.approx(12.7)
    assert fig.extent_mm == pytest.approx(85.0)
    assert fig.how == "mean of front 10.6 and back 14.8 mm"
    assert [v.view for v in fig.views] == [View.FRONT, View.BACK]
    assert fig.is_combined


def test_a_side_seen_in_one_view_says_which() -> None:
    fig = combine_side(Side.RIGHT, [m(Side.RIGHT, View.BACK, 4.2), m(Side.LEFT, View.BACK, 9.0)])
    assert fig.depth_mm == pytest.approx(4.2)
    assert fig.how == "back photo only" and not fig.is_combined


def test_the_figure_is_the_mean_of_the_numbers_shown_beside_it() -> None:
    fig = combine_side(Side.LEFT, [m(Side.LEFT, View.FRONT, 10.64), m(Side.LEFT, View.BACK, 14.76)])
    assert fig.depth_mm == pytest.approx((10.6 + 14.8) / 2)


def test_sides_come_left_first_and_only_when_measured() -> None:
    figs = combine_sides([m(Side.RIGHT, View.FRONT, 3.0), m(Side.LEFT, View.FRONT, 5.0)])
    assert [f.side for f in figs] == [Side.LEFT, Side.RIGHT]
    assert combine_sides([]) == ()


def test_two_measurements_from_one_view_are_refused() -> None:
    with pytest.raises(ValueError, match="at most one front"):
        combine_side(Side.LEFT, [m(Side.LEFT, View.FRONT, 3.0), m(Side.LEFT, View.FRONT, 4.0)])
    with pytest.raises(ValueError, match="no measurement"):
        combine_side(Side.LEFT, [m(Side.RIGHT, View.FRONT, 3.0)])
