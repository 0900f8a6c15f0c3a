"""Protocol-breaking renders from hipdip-protocol-v1, end to end with the bundled model:
each is refused with its own reason, and the square photo is measured."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hipdip.vision import analyze
from hipdip.vision.conventions import Presence

FIXTURES = Path(__file__).parents[1] / "fixtures" / "protocol"
RECORDS = json.loads((FIXTURES / "truth.json").read_text())["records"]
REFUSALS = [r for r in RECORDS if r["expect"] != "measure"]
MEASURED = [r for r in RECORDS if r["expect"] == "measure"]


@pytest.mark.parametrize("rec", REFUSALS, ids=[r["scene"] for r in REFUSALS])
def test_a_protocol_break_is_refused_with_its_own_reason(rec):
    a = analyze(FIXTURES / rec["file"], height_cm=rec["height_cm"], view=rec["view"])
    assert not a.ok
    assert a.error is not None and a.error.value == rec["expect"]
    assert a.sides is None


@pytest.mark.parametrize("rec", MEASURED, ids=[r["scene"] for r in MEASURED])
def test_a_square_stance_turned_and_pitched_a_little_is_measured_with_an_interval(rec):
    a = analyze(FIXTURES / rec["file"], height_cm=rec["height_cm"], view=rec["view"])
    assert a.ok, a.error_message
    assert a.sides is not None
    for side in ("left", "right"):
        got, truth = a.sides[side], rec["sides"][side]["depth_mm"]
        assert got.depth_mm == pytest.approx(truth, abs=2.5)
        assert got.depth_interval_mm is not None
        low, high = got.depth_interval_mm
        assert low <= got.depth_mm <= high
        assert got.presence in set(Presence)
