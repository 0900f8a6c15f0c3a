"""`hipdip preview`, `hipdip markings` and `hipdip compare`: pictures for a consultation."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def add_parsers(sub: Any) -> None:
    """Register the picture sub-commands."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--height-cm", required=True, help="the person's height in cm")
    common.add_argument("--view", default="auto", help="front, back or auto")
    common.add_argument("-o", "--output", type=Path, required=True, help="PNG file to write")

    p = sub.add_parser(
        "preview",
        parents=[common],
        help="simulate the outline with the dip filled",
        description="Write a labelled simulation in which the hip outline "
        "follows the filled envelope. It is a picture for discussion, not a "
        "promise of a result.",
    )
    p.add_argument("image", type=Path)
    p.add_argument("--fill", type=float, default=1.0, help="0 to 1: how much of the dip to fill")
    p.set_defaults(handler=run_preview)

    m = sub.add_parser(
        "markings",
        parents=[common],
        help="draw suggested surgical markings",
        description="Write the photo with suggested markings: the dips as "
        "recipient zones, usual donor zones and entry points. Add --json to also "
        "print the marks as data.",
    )
    m.add_argument("image", type=Path)
    m.add_argument("--json", action="store_true", help="print the marks as JSON")
    m.set_defaults(handler=run_markings)

    c = sub.add_parser(
        "compare",
        parents=[common],
        help="before/after of the same view",
        description="Align the later photo onto the earlier one and write both "
        "side by side with the measured change per side.",
    )
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.set_defaults(handler=run_compare)


def _analysed(path: Path, height: str, view: str) -> tuple[Any, Any] | None:
    """The pixels as analysed and the assessment, or None after saying why on stderr."""
    from hipdip.vision import analyze

    result, rgb = analyze(path, height_cm=height, view=view, name=str(path), return_image=True)
    if not result.ok or rgb is None:
        code = result.error.value if result.error else "unknown"
        print(f"{path}: {code}: {result.error_message}", file=sys.stderr)
        return None
    return rgb, result


def _save(img: Any, out: Path) -> None:
    from hipdip.vision.encoding import encode_png

    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(encode_png(img, compress_level=6))
    print(f"wrote {out}")


def run_preview(args: argparse.Namespace) -> int:
    """Write the simulation; exit 1 when the photo cannot be analysed."""
    from hipdip.vision.preview import preview_fill

    if not 0.0 <= args.fill <= 1.0:
        print("--fill must be between 0 and 1", file=sys.stderr)
        return 2
    got = _analysed(args.image, args.height_cm, args.view)
    if got is None:
        return 1
    rgb, result = got
    img, _ = preview_fill(rgb, result, fill=args.fill)
    _save(img, args.output)
    return 0


def run_markings(args: argparse.Namespace) -> int:
    """Write the markings picture (and print the marks with --json)."""
    from hipdip.vision.markings import render_marks, suggest_marks

    got = _analysed(args.image, args.height_cm, args.view)
    if got is None:
        return 1
    rgb, result = got
    marks = suggest_marks(result)
    _save(render_marks(rgb, marks), args.output)
    if args.json:
        print(json.dumps([m.to_dict() for m in marks]))
    return 0


def run_compare(args: argparse.Namespace) -> int:
    """Write the side-by-side comparison and print the change per side."""
    from hipdip.vision.compare import compare, side_by_side

    before, after = (_analysed(p, args.height_cm, args.view) for p in (args.before, args.after))
    if before is None or after is None:
        return 1
    try:
        c = compare(before[0], before[1], after[0], after[1])
    except ValueError as exc:
        print(f"cannot compare: {exc}", file=sys.stderr)
        return 1
    _save(side_by_side(before[0], c), args.output)
    for side, ch in c.sides.items():
        pct = "" if ch.change_pct is None else f" ({ch.change_pct:+.0f} %)"
        print(f"{side}: {ch.before_mm:.1f} -> {ch.after_mm:.1f} mm ({ch.change_mm:+.1f} mm{pct})")
    for note in c.notes:
        print(f"note: {note}")
    return 0
