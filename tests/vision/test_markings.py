"""Suggested markings, kept as data and drawn like a skin marker."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hipdip.vision import analyze
from hipdip.vision.loading import load_photo
from hipdip.vision.markings import Mark, render_marks, suggest_marks

FIX = Path(__file__).parents[1] / "fixtures" / "photos"


@pytest.fixture(scope="module")
def front():
    photo = load_photo(FIX / "b0004_front.jpg")
    return photo, analyze(photo, height_cm=206.52, view="front")


def test_each_measured_dip_is_a_recipient_zone_on_its_own_side(front):
    photo, a = front
    marks = {m.id: m for m in suggest_marks(a)}
    right, left = marks["recipient-right"], marks["recipient-left"]
    # front view: the subject's right is on the image's left
    assert right.x < photo.rgb.shape[1] / 2 < left.x
    assert right.label == f"R dip {a.sides['right'].depth_mm:.0f} mm"
    assert right.side == "right"


def test_front_view_suggests_abdomen_flanks_and_outer_thighs(front):
    _, a = front
    kinds = {m.id for m in suggest_marks(a) if m.kind == "donor"}
    assert {
        "donor-abdomen",
        "donor-left-flank",
        "donor-right-flank",
        "donor-left-thigh",
        "donor-right-thigh",
    } <= kinds
    assert any(m.kind == "incision" for m in suggest_marks(a))


def test_marks_round_trip_through_json_data(front):
    _, a = front
    for m in suggest_marks(a):
        assert Mark.from_dict(m.to_dict(), image_size_hw=(1800, 1200)) == m


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "tattoo", "x": 1, "y": 1}, "kind must be"),
        ({"kind": "donor", "x": "a", "y": 1}, "must be a number"),
        ({"kind": "donor", "x": 5000, "y": 1}, "outside the photo"),
        ({"kind": "donor", "x": 5, "y": 5, "rx": -3}, "radii"),
        ({"kind": "donor", "x": 5, "y": 5, "side": "middle"}, "side must be"),
        ({"kind": "donor", "x": True, "y": 5}, "x must be a number"),
        ({"kind": "donor", "x": "5", "y": 5}, "x must be a number"),
        ({"kind": "donor", "x": 5, "y": float("nan")}, "finite"),
        ({"kind": "donor", "x": 5, "y": 5, "label": ["a"]}, "label must be text"),
        (["not", "a", "dict"], "must be an object"),
    ],
)
def test_untrusted_marks_are_validated(data, message):
    with pytest.raises(ValueError, match=message):
        Mark.from_dict(data, image_size_hw=(1800, 1200))


def test_rendering_draws_only_near_the_marks(front):
    photo, a = front
    marks = suggest_marks(a)
    out = render_marks(photo.rgb, marks)
    changed = np.any(out != photo.rgb, axis=2)
    assert changed.any()
    assert not changed[:200].any()  # nothing over the head
