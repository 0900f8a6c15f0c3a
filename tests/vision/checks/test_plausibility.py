"""Results beyond what a body can show are refused, never returned with a warning."""

from __future__ import annotations

import pytest

from hipdip.vision.checks.plausibility import PlausibilityLimits, check_plausible
from hipdip.vision.errors import AnalysisError, Reason

OK_SPREAD = {"left": 0.5, "right": 0.5}


def test_ordinary_depths_pass():
    check_plausible({"left": 12.0, "right": 4.0}, OK_SPREAD, PlausibilityLimits())


@pytest.mark.parametrize(
    ("depths", "spreads", "reason"),
    [
        ({"left": 142.0, "right": 44.0}, OK_SPREAD, Reason.IMPLAUSIBLE_RESULT),
        ({"left": 50.0, "right": 30.0}, OK_SPREAD, Reason.IMPLAUSIBLE_RESULT),
        ({"left": 30.0, "right": 2.0}, OK_SPREAD, Reason.IMPLAUSIBLE_RESULT),
        ({"left": 6.9, "right": 5.0}, {"left": 59.9, "right": 0.4}, Reason.UNSTABLE_OUTLINE),
    ],
)
def test_implausible_or_unstable_results_are_refused(depths, spreads, reason):
    with pytest.raises(AnalysisError) as err:
        check_plausible(depths, spreads, PlausibilityLimits())
    assert err.value.reason is reason
