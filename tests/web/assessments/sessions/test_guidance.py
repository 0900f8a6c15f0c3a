"""Every refusal the analyser can give comes with its own retake advice."""

from __future__ import annotations

import pytest

from hipdip.vision.errors import Reason
from hipdip.web.assessments.guidance import GENERIC_TIP, RETAKE_TIPS, retake_tip


@pytest.mark.parametrize("reason", list(Reason), ids=lambda r: r.value)
def test_every_reason_code_has_its_own_retake_tip(reason: Reason) -> None:
    assert reason.value in RETAKE_TIPS
    assert retake_tip(reason.value) != GENERIC_TIP


def test_advice_for_a_sideways_photo_is_about_turning_not_size() -> None:
    tip = retake_tip(Reason.BODY_TURNED.value).lower()
    assert "square" in tip
    assert "resolution" not in tip and "small" not in tip


def test_an_unknown_code_gets_the_generic_advice() -> None:
    assert retake_tip("no_such_code") == GENERIC_TIP


def test_no_tip_is_left_over_for_a_code_the_analyser_does_not_have() -> None:
    known = {r.value for r in Reason} | {"internal_error"}
    assert set(RETAKE_TIPS) <= known
