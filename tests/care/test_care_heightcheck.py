"""Cross-checks of a photo session: the stated height against the record, and body
proportions (scale-free) against the patient's earlier photos."""

from __future__ import annotations

import pytest

from hipdip.care.heightcheck import (
    PROPORTION_TOLERANCE,
    Proportions,
    compare_proportions,
    height_difference,
    proportions_of,
)
from hipdip.care.settings import ClinicSettings
from hipdip.vision.assessment import Geometry


def geometry(
    *, stature: float = 1000.0, shoulder: float = 0.20, hip: float = 0.10, leg: float = 0.45
) -> Geometry:
    """A body `stature` px tall standing at x = 500 with the given ratios."""
    top = 100.0
    hip_y = top + stature * 0.50
    pts = {
        "shoulder_left": (500 + shoulder * stature / 2, top + 0.18 * stature),
        "shoulder_right": (500 - shoulder * stature / 2, top + 0.18 * stature),
        "hip_left": (500 + hip * stature / 2, hip_y),
        "hip_right": (500 - hip * stature / 2, hip_y),
        "ankle_left": (500 + hip * stature / 2, hip_y + leg * stature),
        "ankle_right": (500 - hip * stature / 2, hip_y + leg * stature),
    }
    return Geometry(
        outline_xy={},
        envelope_xy={},
        deepest_xy={},
        joints_xy={},
        level_rows={},
        image_size_hw=(1300, 1000),
        body_points_xy=pts,
        stature_rows=(top, top + stature),
    )


def test_the_default_tolerance_is_a_named_setting_with_a_source() -> None:
    s = ClinicSettings()
    assert s.height_tolerance_cm == 3.0
    assert ClinicSettings.from_mapping({"height_tolerance_cm": 5}).height_tolerance_cm == 5
    with pytest.raises(ValueError, match="height_tolerance_cm"):
        ClinicSettings.from_mapping({"height_tolerance_cm": 40})


def test_a_height_within_the_tolerance_is_not_flagged() -> None:
    d = height_difference(stated_cm=183.0, recorded_cm=180.0, tolerance_cm=3.0)
    assert d is not None and not d.flagged


def test_a_height_beyond_the_tolerance_is_flagged_and_explained() -> None:
    d = height_difference(stated_cm=196.0, recorded_cm=180.0, tolerance_cm=3.0)
    assert d is not None and d.flagged
    assert "196.0 cm, is 16.0 cm more than the patient's recorded height of 180.0 cm" in (
        d.explanation
    )


def test_without_a_recorded_height_there_is_nothing_to_compare() -> None:
    assert height_difference(stated_cm=170.0, recorded_cm=None, tolerance_cm=3.0) is None
    with pytest.raises(ValueError, match="stated_cm"):
        height_difference(stated_cm=float("nan"), recorded_cm=None, tolerance_cm=3.0)


def test_proportions_do_not_depend_on_the_photos_scale() -> None:
    near, far = (
        proportions_of(geometry(stature=1400), view="front"),
        proportions_of(geometry(stature=700), view="front"),
    )
    assert near is not None and far is not None
    assert near.shoulder == pytest.approx(far.shoulder) == pytest.approx(0.20)
    assert near.hip == pytest.approx(0.10) and near.leg == pytest.approx(0.45)


def test_geometry_without_the_body_points_gives_no_proportions() -> None:
    g = geometry()
    bare = Geometry(
        outline_xy={}, envelope_xy={}, deepest_xy={}, joints_xy={}, level_rows={},
        image_size_hw=g.image_size_hw, stature_rows=g.stature_rows,
    )  # fmt: skip
    assert proportions_of(bare, view="front") is None


def test_the_same_person_photographed_again_is_not_flagged() -> None:
    earlier = [Proportions(view="front", shoulder=0.20, hip=0.10, leg=0.45)] * 2
    # Within the repeat-photo noise the tolerances allow for.
    now = [Proportions(view="front", shoulder=0.21, hip=0.115, leg=0.47)]
    assert compare_proportions(now, earlier) == ()


def test_a_differently_built_person_is_flagged_per_ratio_with_words() -> None:
    earlier = [Proportions(view="front", shoulder=0.20, hip=0.10, leg=0.45)]
    now = [Proportions(view="front", shoulder=0.26, hip=0.10, leg=0.38)]
    diffs = compare_proportions(now, earlier)
    assert [d.ratio for d in diffs] == ["shoulder", "leg"]
    assert "shoulder width is 30 % larger" in diffs[0].explanation
    assert "leg length is 16 % smaller" in diffs[1].explanation


def test_only_the_same_view_is_compared_and_the_median_resists_one_odd_photo() -> None:
    earlier = [
        Proportions(view="back", shoulder=0.30, hip=0.10, leg=0.45),
        Proportions(view="front", shoulder=0.20, hip=0.10, leg=0.45),
        Proportions(view="front", shoulder=0.20, hip=0.10, leg=0.45),
        Proportions(view="front", shoulder=0.40, hip=0.10, leg=0.45),
    ]
    now = [Proportions(view="front", shoulder=0.205, hip=0.10, leg=0.45)]
    assert compare_proportions(now, earlier) == ()
    assert compare_proportions(now, []) == ()


@pytest.mark.parametrize("ratio", sorted(PROPORTION_TOLERANCE))
def test_each_tolerance_is_the_boundary(ratio: str) -> None:
    base = {"shoulder": 0.20, "hip": 0.10, "leg": 0.45}
    tol = PROPORTION_TOLERANCE[ratio]
    inside = {**base, ratio: base[ratio] * (1 + tol * 0.95)}
    outside = {**base, ratio: base[ratio] * (1 + tol * 1.05)}
    earlier = [Proportions(view="front", **base)]
    assert compare_proportions([Proportions(view="front", **inside)], earlier) == ()
    assert [
        d.ratio for d in compare_proportions([Proportions(view="front", **outside)], earlier)
    ] == [ratio]
