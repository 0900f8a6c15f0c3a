"""Side and three-quarter views are `body_turned`; a square stance never is."""

from __future__ import annotations

import pytest

from checks.shapes import project, world
from hipdip.vision.checks import ChecksConfig
from hipdip.vision.checks.turn import check_turn, turn_degrees
from hipdip.vision.errors import AnalysisError, Reason

STATURE_PX = 1500.0


@pytest.mark.parametrize("turn", [0.0, 4.0, 10.0, -10.0, 170.0, 190.0])
@pytest.mark.parametrize("pitch", [0.0, 6.0, 12.0, -12.0])
def test_a_square_stance_up_to_10_degrees_with_the_camera_pitched_is_measured(turn, pitch):
    w = world(turn_deg=turn, pitch_deg=pitch)
    got = check_turn(project(w), w, STATURE_PX, ChecksConfig())
    assert got is not None and got < 11.0


@pytest.mark.parametrize("turn", [40.0, 50.0, 135.0, 225.0, 320.0])
def test_three_quarter_views_are_refused(turn):
    w = world(turn_deg=turn, pitch_deg=8.0)
    with pytest.raises(AnalysisError) as err:
        check_turn(project(w), w, STATURE_PX, ChecksConfig())
    assert err.value.reason is Reason.BODY_TURNED


def test_a_30_degree_turn_with_the_face_turned_too_is_refused():
    w = world(turn_deg=32.0)
    assert 25.0 <= turn_degrees(w, ChecksConfig()) < 40.0
    with pytest.raises(AnalysisError):
        check_turn(project(w), w, STATURE_PX, ChecksConfig())


@pytest.mark.parametrize("turn", [80.0, 90.0, 270.0])
def test_a_side_profile_is_refused_even_without_3d_landmarks(turn):
    w = world(turn_deg=turn)
    with pytest.raises(AnalysisError) as err:
        check_turn(project(w), None, STATURE_PX, ChecksConfig())
    assert err.value.reason is Reason.BODY_TURNED


def test_a_biased_back_view_estimate_alone_does_not_refuse_a_square_body():
    # Seen from the back the model's depth reads square bodies up to about 30 degrees
    # turned; with the face (nose) on the midline that is not enough to refuse.
    w = world(turn_deg=180.0 + 28.0)
    lm = project(world(turn_deg=180.0))
    assert check_turn(lm, w, STATURE_PX, ChecksConfig()) == pytest.approx(28.0, abs=0.5)
