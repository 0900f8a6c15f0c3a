"""Hands on the hips, forearms against them, arms along the body: `arms_touching_hips`."""

from __future__ import annotations

import numpy as np
import pytest

from checks.shapes import CX, HIP_DX, HIP_Y, KNEE_Y, arm_landmarks, body_mask
from hipdip.vision.checks import ChecksConfig
from hipdip.vision.checks.arms import arm_points, check_arms
from hipdip.vision.errors import AnalysisError, Reason
from hipdip.vision.outline import RowRuns

THIGH = float(KNEE_Y - HIP_Y)


def _outline(mask: np.ndarray) -> tuple[dict[int, np.ndarray], np.ndarray]:
    """The lateral outline per image side from the rib level to mid-thigh, as the pipeline
    traces it: the mask run containing the hip column."""
    rows = np.arange(int(HIP_Y - 0.55 * THIGH), int(HIP_Y + 0.5 * THIGH), dtype=np.int64)
    band = RowRuns(mask, rows)
    out = {}
    for s in (1, -1):
        runs = band.at(np.full(len(rows), CX + s * HIP_DX, float))
        out[s] = np.where(runs.found, runs.end if s > 0 else runs.start, np.nan).astype(float)
    return out, rows


@pytest.mark.parametrize("arms", ["on_hips", "along"])
def test_arms_against_the_hips_are_refused(arms):
    outline, rows = _outline(body_mask(arms=arms))
    with pytest.raises(AnalysisError) as err:
        check_arms(arm_landmarks(arms), outline, rows, float(CX), THIGH, ChecksConfig())
    assert err.value.reason is Reason.ARMS_TOUCHING_HIPS


def test_arms_held_away_pass():
    outline, rows = _outline(body_mask(arms="away"))
    check_arms(arm_landmarks("away"), outline, rows, float(CX), THIGH, ChecksConfig())


def test_the_fingers_reach_past_the_knuckle_points():
    lm = arm_landmarks("away")
    pts = arm_points(lm)
    # furthest sampled point beyond the model's index point (17/19: the knuckles)
    assert pts[:, 1].max() > lm[19, 1] + 20
