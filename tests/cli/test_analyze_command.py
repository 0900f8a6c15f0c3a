"""`hipdip analyze`: the command-line contract."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PIL import Image

from hipdip.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures" / "photos"
FRONT, BACK = FIXTURES / "b0019_front.jpg", FIXTURES / "b0012_back.jpg"


def _lines(capsys) -> list[dict]:
    out = capsys.readouterr().out
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_json_lines_one_object_per_image_in_order(capsys):
    code = main(["analyze", str(FRONT), str(BACK), "--height-cm", "165", "--json", "--jobs", "1"])
    rows = _lines(capsys)
    assert code == 0
    assert [r["image"] for r in rows] == [str(FRONT), str(BACK)]
    assert all(r["ok"] and r["error"] is None for r in rows)
    assert {r["view"] for r in rows} == {"front", "back"}  # auto-detected
    assert rows[0]["sides"]["left"]["grade"] in {"none", "mild", "moderate", "marked"}


def test_json_lines_leave_the_geometry_out_unless_asked(capsys):
    from hipdip.vision import Assessment

    main(["analyze", str(FRONT), "--height-cm", "165", "--json", "--jobs", "1"])
    (plain,) = _lines(capsys)
    assert "geometry" not in plain
    main(["analyze", str(FRONT), "--height-cm", "165", "--json", "--geometry", "--jobs", "1"])
    (full,) = _lines(capsys)
    assert set(full) == {*plain, "geometry"}
    h, w = full["geometry"]["image_size_hw"]
    with Image.open(FRONT) as img:
        assert (w, h) == img.size
    assert Assessment.from_dict(full).geometry is not None


def test_a_bad_file_fails_alone_and_sets_the_exit_status(tmp_path, capsys):
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a photo")
    code = main(
        [
            "analyze",
            str(bad),
            str(FRONT),
            "--height-cm",
            "165",
            "--view",
            "front",
            "--json",
            "--jobs",
            "1",
        ]
    )
    first, second = _lines(capsys)
    assert code == 1
    assert first["ok"] is False
    assert first["error"]["code"] == "unsupported_format"
    assert first["error"]["message"]
    assert second["ok"] is True


def test_missing_height_is_a_clear_per_image_error(capsys):
    code = main(["analyze", str(FRONT), "--json"])
    (row,) = _lines(capsys)
    assert code == 1
    assert row["error"]["code"] == "invalid_height"


def test_manifest_paths_are_relative_to_the_manifest(tmp_path, capsys):
    shutil.copy(FRONT, tmp_path / "a.jpg")
    shutil.copy(BACK, tmp_path / "b.jpg")
    (tmp_path / "m.csv").write_text("path,height_cm,view\na.jpg,160,front\nb.jpg,165,back\n")
    code = main(["analyze", "--manifest", str(tmp_path / "m.csv"), "--json", "--jobs", "1"])
    rows = _lines(capsys)
    assert code == 0
    assert [r["height_cm"] for r in rows] == [160.0, 165.0]
    assert [r["view"] for r in rows] == ["front", "back"]


def test_manifest_rows_with_bad_values_fail_and_the_rest_still_run(tmp_path, capsys):
    shutil.copy(FRONT, tmp_path / "a.jpg")
    (tmp_path / "m.csv").write_text(
        "path,height_cm,view\na.jpg,abc,front\na.jpg,300,front\na.jpg,160,sideways\n"
        "missing.jpg,160,front\na.jpg,160,front\n"
    )
    code = main(["analyze", "--manifest", str(tmp_path / "m.csv"), "--json", "--jobs", "1"])
    codes = [r["error"]["code"] if r["error"] else "ok" for r in _lines(capsys)]
    assert code == 1
    assert codes == ["invalid_height", "invalid_height", "invalid_view", "file_not_found", "ok"]


def test_manifest_without_the_required_columns_is_refused(tmp_path, capsys):
    (tmp_path / "m.csv").write_text("file,height\na.jpg,160\n")
    code = main(["analyze", "--manifest", str(tmp_path / "m.csv"), "--json"])
    (row,) = _lines(capsys)
    assert code == 2
    assert row["error"]["code"] == "invalid_manifest"
    assert "path" in row["error"]["message"]


def test_overlays_are_written_one_png_per_image(tmp_path, capsys):
    code = main(
        [
            "analyze",
            str(FRONT),
            str(BACK),
            "--height-cm",
            "165",
            "--overlay",
            str(tmp_path / "ov"),
            "--jobs",
            "2",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    pngs = sorted((tmp_path / "ov").glob("*.png"))
    assert [p.name for p in pngs] == ["b0012_back.overlay.png", "b0019_front.overlay.png"]
    with Image.open(pngs[0]) as img:
        assert img.format == "PNG"
    assert "2 of 2 photos analysed" in out


def test_table_output_names_the_sides_and_failures(tmp_path, capsys):
    code = main(
        ["analyze", str(FRONT), str(tmp_path / "gone.jpg"), "--height-cm", "165", "--jobs", "1"]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "left mm (90 %)" in out and "right mm (90 %)" in out
    # the measured row shows each depth with its interval, and three-valued presence
    row = next(line for line in out.splitlines() if FRONT.name in line)
    assert row.count("[") == 2 and row.count("-") >= 2
    assert any(p in row for p in ("present", "absent", "uncertain"))
    assert "FAILED file_not_found" in out
    assert "1 of 2 photos analysed, 1 failed" in out


def test_no_progress_bar_when_output_is_not_a_terminal(capsys):
    main(["analyze", str(FRONT), str(BACK), "--height-cm", "165", "--json", "--jobs", "1"])
    captured = capsys.readouterr()
    assert "photo/s" not in captured.err and "%|" not in captured.err


def test_no_images_is_a_usage_error(capsys):
    assert main(["analyze"]) == 2
    assert "no images" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error():
    with pytest.raises(SystemExit) as info:
        main(["analyze", "--frobnicate"])
    assert info.value.code == 2
