"""`hipdip analyze`: measure a batch of photos, print JSON lines or a table, draw overlays."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from hipdip.vision.errors import MESSAGES, Reason


@dataclass(frozen=True)
class Job:
    """One photo to analyse; `height_cm` stays a string when it came from a manifest."""

    path: str
    height_cm: Any
    view: str
    overlay_path: str | None = None
    #: Add the traced geometry to the JSON (``--geometry``).
    geometry: bool = False


def add_parser(sub: Any) -> None:
    """Register the `analyze` sub-command."""
    p = sub.add_parser(
        "analyze",
        help="measure hip dips on photos",
        description="Measure the hip dip on each side of standardised front or back photos. "
        "Prints one JSON object per image with --json, a table otherwise. The exit status "
        "is 1 when any image could not be analysed.",
    )
    p.add_argument("images", nargs="*", metavar="IMAGE", help="photo files (JPEG, PNG, WebP, HEIC)")
    p.add_argument("--height-cm", type=str, help="the person's height in cm (100-250)")
    p.add_argument("--view", default="auto", help="front, back, or auto (default: auto)")
    p.add_argument("--manifest", type=Path, help="CSV with columns path,height_cm,view")
    p.add_argument("--json", action="store_true", help="print JSON lines")
    p.add_argument(
        "--geometry",
        action="store_true",
        help="with --json: add the traced outline and points in pixels (see docs/analyser.md)",
    )
    p.add_argument("--overlay", type=Path, metavar="DIR", help="write an annotated PNG per image")
    p.add_argument(
        "--jobs",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="worker processes (default: 2)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Analyse every job, stream results in input order, return the exit status."""
    try:
        jobs = _collect(args)
    except ManifestError as exc:
        _emit_error(args, str(args.manifest), Reason.INVALID_MANIFEST, str(exc))
        return 2
    if not jobs:
        print(
            "hipdip analyze: no images given (pass IMAGE... or --manifest FILE.csv)",
            file=sys.stderr,
        )
        return 2
    if args.overlay:
        args.overlay.mkdir(parents=True, exist_ok=True)
        jobs = _with_overlay_paths(jobs, args.overlay)
    failed = 0
    printer = _JsonPrinter() if args.json else _TablePrinter()
    for result in _progress(_results(jobs, args.jobs), len(jobs)):
        failed += not result["ok"]
        printer.row(result)
    printer.close(len(jobs), failed)
    return 1 if failed else 0


class ManifestError(Exception):
    """The manifest file itself is unusable."""


def _collect(args: argparse.Namespace) -> list[Job]:
    jobs = [Job(path=p, height_cm=args.height_cm, view=args.view) for p in args.images]
    if args.manifest:
        jobs += _read_manifest(args.manifest)
    return [replace(job, geometry=args.geometry) for job in jobs]


def _read_manifest(path: Path) -> list[Job]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"cannot read {path}: {exc.__class__.__name__}") from exc
    reader = csv.DictReader(text.splitlines())
    missing = {"path", "height_cm", "view"} - {c.strip() for c in reader.fieldnames or []}
    if missing:
        raise ManifestError(f"missing column(s): {', '.join(sorted(missing))}")
    base = path.parent
    jobs = []
    for row in reader:
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        p = row["path"]
        full = str(base / p) if p and not os.path.isabs(p) else p
        jobs.append(Job(path=full, height_cm=row["height_cm"], view=row["view"] or "auto"))
    return jobs


def _with_overlay_paths(jobs: list[Job], folder: Path) -> list[Job]:
    seen: dict[str, int] = {}
    out = []
    for job in jobs:
        stem = Path(job.path).stem or "image"
        n = seen.get(stem, 0)
        seen[stem] = n + 1
        name = f"{stem}.overlay.png" if n == 0 else f"{stem}-{n}.overlay.png"
        out.append(replace(job, overlay_path=str(folder / name)))
    return out


def _results(jobs: list[Job], workers: int) -> Iterator[dict[str, Any]]:
    if workers <= 1 or len(jobs) == 1:
        yield from map(analyze_job, jobs)
        return
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)), mp_context=ctx, initializer=_warm_up
    ) as pool:
        yield from pool.map(analyze_job, jobs, chunksize=1)


def _warm_up() -> None:
    """Load the models once per worker process."""
    from hipdip.vision.detection import default_detector, default_people_mask

    default_detector()
    default_people_mask()


def analyze_job(job: Job) -> dict[str, Any]:
    """Analyse one job (in a worker) and write its overlay; returns the contract's dict."""
    from hipdip.vision import analyze
    from hipdip.vision.overlay import overlay_png

    result, rgb = analyze(
        job.path, height_cm=job.height_cm, view=job.view, name=job.path, return_image=True
    )
    out = result.to_dict(include_geometry=job.geometry)
    if job.overlay_path and rgb is not None:
        Path(job.overlay_path).write_bytes(overlay_png(rgb, result))
        out["overlay"] = job.overlay_path
    return out


def _progress(results: Iterator[dict[str, Any]], total: int) -> Iterator[dict[str, Any]]:
    if total < 2 or not (sys.stdout.isatty() and sys.stderr.isatty()):
        yield from results
        return
    from tqdm import tqdm

    yield from tqdm(results, total=total, unit="photo", file=sys.stderr, leave=False)


def _emit_error(args: argparse.Namespace, image: str, reason: Reason, detail: str) -> None:
    message = f"{MESSAGES[reason]} ({detail})"
    if args.json:
        print(
            json.dumps(
                {"image": image, "ok": False, "error": {"code": reason.value, "message": message}}
            )
        )
    else:
        print(f"{image}: {reason.value}: {message}", file=sys.stderr)


class _JsonPrinter:
    def row(self, result: dict[str, Any]) -> None:
        print(json.dumps(result), flush=True)

    def close(self, total: int, failed: int) -> None:
        pass


class _TablePrinter:
    """A readable table: one line per image, the sides, then warnings or the error."""

    def __init__(self) -> None:
        self.header = False

    def row(self, r: dict[str, Any]) -> None:
        if not self.header:
            print(
                f"{'image':<32} {'view':<6} {'left mm (90 %)':>18} {'right mm (90 %)':>18}  notes"
            )
            self.header = True
        name = _short(r["image"], 32)
        if not r["ok"]:
            print(
                f"{name:<32} {r['view'] or '-':<6} {'-':>18} {'-':>18}  "
                f"FAILED {r['error']['code']}: {r['error']['message']}"
            )
            return
        left, right = r["sides"]["left"], r["sides"]["right"]
        notes = "; ".join(w["code"] for w in r["warnings"])
        print(
            f"{name:<32} {r['view']:<6} {_depth(left):>18} {_depth(right):>18}  "
            f"{left['grade']}/{right['grade']} {_presence(left)}/{_presence(right)}"
            f"{'  ! ' + notes if notes else ''}"
        )

    def close(self, total: int, failed: int) -> None:
        print(
            f"\n{total - failed} of {total} photos analysed"
            + (f", {failed} failed" if failed else "")
            + ". Depths are the subject's own left and right, with a 90 % interval; presence is"
            " uncertain when the interval straddles 3 mm. Hip dips are normal anatomy."
        )


def _depth(side: dict[str, Any]) -> str:
    """The depth and its 90 % interval: ``7.4 [5.1-9.8]``."""
    iv = side.get("depth_interval_mm")
    if iv is None:
        return f"{side['depth_mm']:.1f}"
    return f"{side['depth_mm']:.1f} [{iv[0]:.1f}-{iv[1]:.1f}]"


def _presence(side: dict[str, Any]) -> str:
    """Three-valued presence, or the bare flag for results without an interval."""
    p = side.get("presence")
    if p is None:
        return "present" if side["present"] else "absent"
    return str(p)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else "…" + text[-(n - 1) :]
