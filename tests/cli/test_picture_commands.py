"""`hipdip preview`, `hipdip markings` and `hipdip compare`."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

from hipdip.cli import main

FIX = Path(__file__).parents[1] / "fixtures" / "photos"


def test_preview_writes_a_labelled_png(tmp_path, capsys):
    out = tmp_path / "p.png"
    code = main(
        [
            "preview",
            str(FIX / "b0012_back.jpg"),
            "--height-cm",
            "165",
            "--view",
            "back",
            "--fill",
            "0.5",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    with Image.open(out) as img:
        assert img.size == (1200, 1800)


def test_preview_refuses_a_fill_outside_zero_to_one(tmp_path, capsys):
    code = main(
        [
            "preview",
            str(FIX / "b0012_back.jpg"),
            "--height-cm",
            "165",
            "--fill",
            "2",
            "-o",
            str(tmp_path / "p.png"),
        ]
    )
    assert code == 2
    assert "between 0 and 1" in capsys.readouterr().err


def test_preview_of_an_unusable_photo_says_why(tmp_path, capsys):
    bad = tmp_path / "x.jpg"
    bad.write_bytes(b"\xff\xd8\xff")
    code = main(["preview", str(bad), "--height-cm", "165", "-o", str(tmp_path / "p.png")])
    assert code == 1
    assert "corrupt_image" in capsys.readouterr().err
    assert not (tmp_path / "p.png").exists()


def test_markings_writes_the_picture_and_prints_marks_as_data(tmp_path, capsys):
    out = tmp_path / "m.png"
    code = main(
        [
            "markings",
            str(FIX / "b0004_front.jpg"),
            "--height-cm",
            "206.5",
            "--view",
            "front",
            "-o",
            str(out),
            "--json",
        ]
    )
    assert code == 0
    marks = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert {m["kind"] for m in marks} == {"recipient", "donor", "incision"}
    assert out.exists()


def test_compare_prints_the_change_per_side(tmp_path, capsys):
    out = tmp_path / "c.png"
    photo = str(FIX / "b0012_back.jpg")
    code = main(["compare", photo, photo, "--height-cm", "165", "-o", str(out)])
    text = capsys.readouterr().out
    assert code == 0
    assert "left:" in text and "right:" in text and "+0.0 mm" in text
