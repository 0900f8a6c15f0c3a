"""The latest depths of the staff summary come from the depth columns, without decoding
the stored analyses (their outlines made the summary slow)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hipdip.web.assessments.models import Photo
from hipdip.web.workspace.selectors.summary import SideDepth, latest_depths

from ..factories import PhotoFactory, PhotoSessionFactory, sample_assessment

pytestmark = pytest.mark.django_db


def _photo(day: int, view: str, left: float, right: float, patient: object = None) -> Photo:
    session = PhotoSessionFactory(
        taken_on=dt.date(2024, 1, day), **({"patient": patient} if patient else {})
    )
    return PhotoFactory(
        session=session, view=view, assessment=sample_assessment(view, left=left, right=right)
    )


def test_the_latest_depths_are_the_newest_of_each_side_as_the_analysis_says() -> None:
    old = _photo(1, "front", 8.0, 4.0)
    patient = old.session.patient
    new = _photo(20, "back", 7.0, 2.0, patient)
    with CaptureQueriesContext(connection) as ctx:
        latest = latest_depths(patient)
    assert latest == [
        SideDepth("left", 7.0, dt.date(2024, 1, 20)),
        SideDepth("right", 2.0, dt.date(2024, 1, 20)),
    ]
    # The same numbers as the stored analysis of the newest photo.
    assert [d.depth_mm for d in latest] == [new.sides[s].depth_mm for s in ("left", "right")]
    assert len(ctx.captured_queries) == 1
    assert '"photos_photo"."assessment"' not in ctx.captured_queries[0]["sql"]
