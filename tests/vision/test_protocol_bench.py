"""The protocol and wide-conditions benches count what they claim to count.

bench/ is not a package: its directory is put on the path as the benches themselves expect.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

BENCH = Path(__file__).parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import protocol  # noqa: E402  (bench/ is on the path only from here)
import wide  # noqa: E402  (same)
from accuracy import coverage, coverage_text  # noqa: E402  (same)
from docsection import kept_sections, write_run  # noqa: E402  (same)


def _row(expect: str, scene: str, result: dict) -> dict:
    sides = {"left": {"depth_mm": 5.0}, "right": {"depth_mm": 2.0}}
    return {
        "truth": {"file": f"images/{scene}.jpg", "scene": scene, "expect": expect, "sides": sides},
        "result": result,
    }


def _refused(code: str) -> dict:
    return {"ok": False, "sides": None, "error": {"code": code, "message": ""}, "warnings": []}


def _measured(left: float, right: float, interval: bool = False) -> dict:
    sides = {}
    for side, depth in (("left", left), ("right", right)):
        sides[side] = {"depth_mm": depth, "present": depth >= 3}
        if interval:
            sides[side]["depth_interval_mm"] = [depth - 1.0, depth + 1.0]
    return {"ok": True, "sides": sides, "error": None, "warnings": []}


def test_outcomes_separate_right_reason_other_reason_and_numbers():
    assert protocol.outcome(_row("several_people", "two_people", _refused("several_people"))) == (
        "right"
    )
    assert protocol.outcome(_row("several_people", "two_people", _refused("body_turned"))) == (
        "wrong_reason"
    )
    assert protocol.outcome(_row("several_people", "two_people", _measured(4, 4))) == "number"
    assert protocol.outcome(_row("measure", "fitted", _measured(4, 4))) == "analysed"
    assert protocol.outcome(_row("measure", "fitted", _refused("no_person"))) == "false_refusal"


def test_every_canonical_refusal_is_mapped():
    truth = Path(__file__).parents[3] / "shared/datasets/hipdip-protocol-v1/truth.json"
    if truth.exists():  # the dataset sits beside the checkout on the project's machines
        codes = set(json.loads(truth.read_text())["expect_codes"].values()) - {"measure"}
    else:
        codes = {"loose_clothing", "arms_touching_hips", "body_turned", "several_people"}
        codes |= {"feet_cut_off", "head_cut_off"}
    assert codes <= set(protocol.CODE_MAP)


def test_kind_table_counts_numbers_given_and_kinds_short_of_the_target():
    rows = [
        _row("several_people", "two_people", _refused("several_people")),
        _row("several_people", "two_people", _measured(7, 41)),
        _row("feet_cut_off", "cropped", _refused("feet_cut_off")),
        _row("measure", "fitted", _measured(5.5, 2.0)),
        _row("measure", "fitted", _refused("body_turned")),
    ]
    table, totals = protocol.kind_table(rows)
    assert totals["numbers"] == 1
    assert totals["short_kinds"] == ["two_people"]
    assert (totals["measure_ok"], totals["measure_n"]) == (1, 2)
    assert totals["errors"] == [0.5, 0.0]
    assert "| cropped_feet | feet_cut_off | 1 | 1/1 |" in table
    assert "1 (body_turned 1)" in table


def test_interval_coverage_is_n_a_without_intervals_and_counts_them_with():
    without = [_row("measure", "fitted", _measured(5.5, 2.0))]
    assert coverage(without) == (0, 0)
    assert coverage_text(without) == "n/a"
    # [4.5, 6.5] holds 5.0; [0.5, 2.5] holds 2.0; [8, 10] does not hold 5.0.
    held = [_row("measure", "fitted", _measured(5.5, 1.5, interval=True))]
    missed = [_row("measure", "fitted", _measured(9.0, 2.0, interval=True))]
    assert coverage(held + missed) == (3, 4)
    assert coverage_text(held + missed) == "75.0 % (3/4)"


def _record() -> tuple[dict, np.ndarray]:
    mask = np.zeros((1800, 1200), np.uint8)
    mask[200:1600, 450:750] = 255
    rec = {
        "camera": {"f_px": 2300.0, "cx": 600.0, "cy": 900.0},
        "mm_per_px": 1.2,
        "height_px": 1400,
        "landmarks": {"hip_left": [650.0, 900.0], "hip_right": [550.0, 900.0]},
    }
    return rec, mask


def test_neutral_parameters_leave_the_geometry_alone():
    rec, mask = _record()
    h_truth, h_photo, size, mm_per_px = wide.plan(rec, mask, wide.Params())
    assert np.allclose(h_truth, np.eye(3)) and np.allclose(h_photo, np.eye(3))
    assert size == (1200, 1800)
    assert mm_per_px == pytest.approx(1.2)


def test_pitch_changes_the_body_plane_scale_by_the_hip_depth_along_the_new_axis():
    rec, mask = _record()
    # The hip midpoint is on the optical axis: its depth becomes Z cos(pitch); the framing then
    # rescales the body to its old height in pixels.
    h_truth, _, size, mm_per_px = wide.plan(rec, mask, wide.Params(pitch_deg=10))
    top, bottom = wide._apply(h_truth, np.array([[600.0, 200.0], [600.0, 1600.0]]))[:, 1]
    assert size == (1200, 1800)
    assert bottom - top == pytest.approx(1400, abs=6)
    h0, _ = wide._pitch_homography(rec["camera"], 10)
    p = wide._apply(h0, np.array([[600.0, 200.0], [600.0, 1600.0]]))[:, 1]
    scale = (bottom - top) / (p[1] - p[0])
    assert mm_per_px == pytest.approx(1.2 * np.cos(np.radians(10)) / scale, rel=1e-6)


def test_roll_turns_the_photo_but_not_the_truth():
    rec, mask = _record()
    h_truth, h_photo, _, _ = wide.plan(rec, mask, wide.Params(roll_deg=3))
    assert np.allclose(h_truth, np.eye(3))
    assert not np.allclose(h_photo, np.eye(3))


def test_conditions_and_backgrounds_are_seeded():
    for make in wide.CONDITIONS.values():
        assert make(np.random.default_rng(5)) == make(np.random.default_rng(5))
    for kind in wide.BACKGROUNDS:
        a = wide.background(kind, 90, 60, np.random.default_rng(1))
        b = wide.background(kind, 90, 60, np.random.default_rng(1))
        assert a.shape == (90, 60, 3) and np.array_equal(a, b)


def test_a_labelled_baseline_survives_later_runs_and_report_keeps_both(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\nOther sections.\n")
    write_run("protocol", "## Protocol\n", "old figures\n", "Baseline before issue 10", doc)
    write_run("protocol", "## Protocol\n", "new figures\n", "", doc)
    write_run("protocol", "## Protocol\n", "newer figures\n", "", doc)
    text = doc.read_text()
    assert text.startswith("# Benchmarks\n\nOther sections.\n")
    assert "old figures" in text and "newer figures" in text and "new figures\n" not in text
    assert text.index("newer figures") < text.index("### Baseline before issue 10")
    kept = kept_sections(text)
    assert [k.splitlines()[0] for k in kept] == [
        "<!-- bench:protocol -->",
        "<!-- bench:protocol-baseline-before-issue-10 -->",
    ]
