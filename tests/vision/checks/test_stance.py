"""Bent knees, a jump or a lifted foot are `not_standing`; standing straight is fine."""

from __future__ import annotations

import pytest

from checks.shapes import project, world
from hipdip.vision import detection as lmk
from hipdip.vision.checks import ChecksConfig
from hipdip.vision.checks.stance import check_stance, knee_flexion_deg
from hipdip.vision.errors import AnalysisError, Reason

STATURE_PX = 1500.0


def test_knee_flexion_is_zero_for_a_straight_leg_and_follows_the_bend():
    assert knee_flexion_deg(world(), 23, 25, 27) < 2.0  # the thigh slants out a little
    assert knee_flexion_deg(world(knee_flex_deg=70), 23, 25, 27) == pytest.approx(70.0, abs=3.0)


@pytest.mark.parametrize("flex", [0.0, 20.0, 40.0])
def test_standing_with_straight_or_slightly_soft_knees_passes(flex):
    w = world(knee_flex_deg=flex)
    check_stance(project(world()), w, STATURE_PX, ChecksConfig())


def test_a_squat_or_a_tucked_jump_is_refused():
    w = world(knee_flex_deg=75)
    with pytest.raises(AnalysisError) as err:
        check_stance(project(world()), w, STATURE_PX, ChecksConfig())
    assert err.value.reason is Reason.NOT_STANDING


def test_a_foreshortened_thigh_is_refused_without_3d_landmarks():
    lm = project(world())
    for knee in (lmk.LEFT_KNEE, lmk.RIGHT_KNEE):
        lm[knee, 1] -= 0.6 * (lm[knee, 1] - lm[lmk.LEFT_HIP, 1])  # thigh seen end-on
    with pytest.raises(AnalysisError) as err:
        check_stance(lm, None, STATURE_PX, ChecksConfig())
    assert err.value.reason is Reason.NOT_STANDING


def test_one_foot_lifted_is_refused():
    lm = project(world())
    lm[lmk.LEFT_ANKLE, 1] -= 0.1 * STATURE_PX
    with pytest.raises(AnalysisError) as err:
        check_stance(lm, None, STATURE_PX, ChecksConfig())
    assert err.value.reason is Reason.NOT_STANDING
