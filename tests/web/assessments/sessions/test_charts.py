"""The depth charts' geometry (drawn as inline SVG by the template)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from hipdip.web.assessments.charts import HEIGHT, PAD_BOTTOM, PAD_TOP, depth_charts
from hipdip.web.assessments.models import Photo

from ...factories import PhotoFactory, PhotoSessionFactory, sample_assessment

pytestmark = pytest.mark.django_db


def _photo(day: int, view: str, left: float, right: float, patient: Any = None) -> Photo:
    session = PhotoSessionFactory(
        taken_on=dt.date(2024, 1, day), **({"patient": patient} if patient else {})
    )
    return PhotoFactory(
        session=session, view=view, assessment=sample_assessment(view, left=left, right=right)
    )


def test_one_chart_per_side_with_a_line_per_view() -> None:
    first = _photo(1, "front", 8.0, 4.0)
    photos = [
        first,
        _photo(20, "front", 6.0, 3.0, first.session.patient),
        _photo(20, "back", 7.0, 2.0, first.session.patient),
    ]
    left, right = depth_charts(photos)
    assert (left.side, right.side) == ("left", "right")
    front, back = left.series
    assert [p.depth_mm for p in front.points] == [8.0, 6.0]
    assert [p.depth_mm for p in back.points] == [7.0]
    assert front.path.startswith("M") and " L" in front.path
    assert front.points[0].x < front.points[1].x
    assert left.latest is not None and left.latest[0] == "front" and left.latest[1].depth_mm == 6.0


def test_deeper_is_higher_and_the_axis_covers_every_point() -> None:
    photos = [_photo(1, "front", 22.0, 1.0)]
    left, right = depth_charts(photos)
    top, bottom = PAD_TOP, HEIGHT - PAD_BOTTOM
    (point,) = left.series[0].points
    assert top <= point.y < right.series[0].points[0].y <= bottom
    assert left.y_ticks[-1].label == "25"


def test_close_dates_do_not_get_overlapping_labels() -> None:
    first = _photo(1, "front", 5.0, 5.0)
    photos = [first] + [_photo(d, "front", 5.0, 5.0, first.session.patient) for d in (28, 29, 30)]
    ticks = depth_charts(photos)[0].x_ticks
    assert ticks[-1].label == "30 Jan"
    assert all(b.pos - a.pos >= 52 for a, b in itertools.pairwise(ticks))


def test_failed_photos_never_become_points() -> None:
    failed = PhotoFactory(status="failed")
    assert failed.left_depth_mm is None
    assert all(c.is_empty for c in depth_charts([failed]))
    assert all(c.latest is None for c in depth_charts([failed]))
