"""Side and three-quarter views are `body_turned`; a square stance never is."""

from __future__ import annotations

import numpy as np
import pytest

from checks.shapes import body_mask, project, world
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


def test_points_side_on_over_a_square_silhouette_are_a_lost_body_not_a_turn():
    # The model lost a pink body on a pink wall: its shoulder points collapse together while
    # the silhouette at that row is as wide as a body facing the camera.
    lm = project(world(turn_deg=90.0))
    mask = body_mask()
    with pytest.raises(AnalysisError) as err:
        check_turn(lm, None, STATURE_PX, ChecksConfig(), mask)
    assert err.value.reason is Reason.LOW_CONTRAST


def test_a_side_profile_silhouette_stays_body_turned():
    lm = project(world(turn_deg=90.0))
    mask = np.zeros_like(body_mask())
    mask[200:1660, 640:760] = True  # side-on: about chest-deep, 0.08 of stature
    with pytest.raises(AnalysisError) as err:
        check_turn(lm, None, STATURE_PX, ChecksConfig(), mask)
    assert err.value.reason is Reason.BODY_TURNED


def test_from_the_back_a_guessed_nose_off_centre_does_not_refuse_a_square_body():
    # Back views: the 3-D estimate reads about 30-39 degrees and the hidden nose is guessed
    # up to 0.17 of the shoulder span off centre; neither is a turn.
    w = world(turn_deg=180.0 + 36.0)
    lm = project(world(turn_deg=180.0))
    lm[0, 0] += 0.17 * abs(lm[11, 0] - lm[12, 0])
    assert check_turn(lm, w, STATURE_PX, ChecksConfig(), back_view=True) is not None
    with pytest.raises(AnalysisError):  # the same seen from the front is a turned face
        check_turn(lm, w, STATURE_PX, ChecksConfig(), back_view=False)


def test_feet_at_different_heights_confirm_a_moderate_turn():
    w = world(turn_deg=180.0 + 35.0)
    lm = project(world(turn_deg=180.0))
    lm[27, 1] += 0.12 * STATURE_PX  # one foot much nearer the camera
    with pytest.raises(AnalysisError) as err:
        check_turn(lm, w, STATURE_PX, ChecksConfig(), back_view=True)
    assert err.value.reason is Reason.BODY_TURNED
