"""Skirts and hems are `loose_clothing`; a bare or fitted silhouette of any colour is not."""

from __future__ import annotations

import pytest

from checks.shapes import CX, HIP_DX, HIP_Y, KNEE_DX, KNEE_Y, body_mask
from hipdip.vision.checks import ChecksConfig
from hipdip.vision.checks.clothing import check_clothing, steepest_inward_step, thighs_fused
from hipdip.vision.errors import AnalysisError, Reason

HIPS = ((CX - HIP_DX, HIP_Y), (CX + HIP_DX, HIP_Y))
KNEES = ((CX - KNEE_DX, KNEE_Y), (CX + KNEE_DX, KNEE_Y))
CREST = HIP_Y - 0.3 * (KNEE_Y - HIP_Y)
STATURE = 1500.0


def _check(mask):
    check_clothing(mask, HIPS, KNEES, crest_y=CREST, stature_px=STATURE, config=ChecksConfig())


def test_a_fitted_silhouette_has_a_gentle_outline_and_a_gap_between_the_thighs():
    mask = body_mask()
    assert steepest_inward_step(mask, HIPS, KNEES, crest_y=CREST, stature_px=STATURE) < 0.7
    assert not thighs_fused(mask, HIPS, KNEES, ChecksConfig())
    _check(mask)


@pytest.mark.parametrize("garment", ["skirt", "hem"])
def test_a_skirt_or_a_tunic_hem_is_refused(garment):
    mask = body_mask(**{garment: True})
    with pytest.raises(AnalysisError) as err:
        _check(mask)
    assert err.value.reason is Reason.LOOSE_CLOTHING


def test_thighs_touching_with_the_knees_together_are_not_taken_for_a_skirt():
    mask = body_mask()
    mask[960:1250, CX - 20 : CX + 20] = True  # heavy thighs meet in the middle
    knees = ((CX - 60, KNEE_Y), (CX + 60, KNEE_Y))  # knees 120 px apart: 0.08 of stature
    check_clothing(mask, HIPS, knees, crest_y=CREST, stature_px=STATURE, config=ChecksConfig())
