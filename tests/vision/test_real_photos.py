"""Real photographs (from packages' sample data) that the analyser must refuse.

Two separate sets: the analyser never gives a number for any of them (a wrong number is the
worst answer), and it refuses each with the reason that tells the person what to change.
Only the public `analyze(...).to_dict()` JSON is used. Licences: tests/fixtures/real/README.md.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from hipdip.vision import Reason, analyze

REAL = Path(__file__).parents[1] / "fixtures" / "real"
PHONE_HEIGHT_PX = 1600

#: photo -> the one reason code that gives the right advice (see the fixtures' README).
EXPECTED = {
    "group_two_basketball.png": "several_people",
    "group_small_walkers.jpg": "several_people",
    "bust_astronaut.jpg": "feet_cut_off",
    "bust_grace_hopper.jpg": "feet_cut_off",
    "cut_off_cameraman.png": "feet_cut_off",
    "no_person_coffee.jpg": "no_person",
    "no_person_cat.jpg": "no_person",
    "no_person_rocket.jpg": "no_person",
}

#: Right-reason cases the analyser still gets wrong (issue 10, items 2 and 6). Remove an entry
#: once the analyser returns the right code: xfail is strict, so a fixed case fails here until
#: it is removed.
KNOWN_WRONG_REASON = {
    "group_small_walkers.jpg": "issue 10: a group of small people is refused as no_person",
}

#: The analyser with the issue-10 protocol checks (it knows `loose_clothing`) gets these right;
#: the one before it does not. Strict either way: before, they must fail; after, they must pass.
#: Drop this table (keep the cases) once main has the issue-10 analyser.
ISSUE_10_ANALYSER = "loose_clothing" in {r.value for r in Reason}
FIXED_BY_ISSUE_10 = {}


def _as_phone_photo(name: str) -> bytes:
    """The photo enlarged to a phone's size (JPEG), so a size refusal cannot hide the reason."""
    bgr = cv2.imread(str(REAL / name), cv2.IMREAD_COLOR)
    assert bgr is not None, name
    scale = PHONE_HEIGHT_PX / bgr.shape[0]
    big = cv2.resize(bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    ok, buf = cv2.imencode(".jpg", big, [cv2.IMWRITE_JPEG_QUALITY, 92])
    assert ok
    return bytes(buf.tobytes())


def _analyse(data: bytes | Path, view: str, name: str) -> dict:
    return analyze(data, height_cm=168.0, view=view, name=name).to_dict()


def test_every_fixture_is_listed_with_its_licence():
    photos = {p.name for p in REAL.iterdir() if p.suffix in {".jpg", ".png"}}
    readme = (REAL / "README.md").read_text()
    assert photos == set(EXPECTED)
    for name in photos:
        assert f"`{name}`" in readme
        assert (REAL / name).stat().st_size < 500_000


@pytest.mark.parametrize("view", ["front", "back"])
@pytest.mark.parametrize("size", ["as shipped", "phone size"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_never_a_number_for_a_real_photo_that_breaks_the_protocol(name, size, view):
    data = REAL / name if size == "as shipped" else _as_phone_photo(name)
    result = _analyse(data, view, name)
    assert result["ok"] is False, f"{name} ({size}, {view}) was measured: {result['sides']}"
    assert result["sides"] is None
    assert result["error"]["code"]


def _right_reason_params() -> list[object]:
    params: list[object] = []
    for name, code in sorted(EXPECTED.items()):
        marks = []
        if name in KNOWN_WRONG_REASON:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_WRONG_REASON[name]))
        elif name in FIXED_BY_ISSUE_10 and not ISSUE_10_ANALYSER:
            marks.append(pytest.mark.xfail(strict=True, reason=FIXED_BY_ISSUE_10[name]))
        params.append(pytest.param(name, code, id=name, marks=marks))
    return params


@pytest.mark.parametrize(("name", "code"), _right_reason_params())
def test_right_reason_for_a_real_photo(name, code):
    result = _analyse(_as_phone_photo(name), "front", name)
    assert result["ok"] is False
    assert result["error"]["code"] == code
