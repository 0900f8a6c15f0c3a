"""Latency of `hipdip.vision.analyze` against the bare model call, side by side in one run.

Usage: python bench/latency.py DATASET_DIR [--repeat N] [--limit K] [--markdown OUT.md]

For each image, alternately: (a) the bare model call, an OpenCV full-size decode plus
mediapipe pose with segmentation; (b) the whole `analyze` (safe decode, detection, outline
refinement, quality checks, measurement). The model is warm for both. Reports medians per
image and the median of the per-image ratios.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import cv2


def bare_call(path: str, detector) -> float:
    t = time.perf_counter()
    bgr = cv2.imread(path, cv2.IMREAD_COLOR)
    rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    detector.detect(rgb)
    return (time.perf_counter() - t) * 1000


def full_call(path: str, height: float, view: str) -> tuple[float, dict]:
    from hipdip.vision import analyze

    t = time.perf_counter()
    result = analyze(path, height_cm=height, view=view)
    return (time.perf_counter() - t) * 1000, result.timing_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="only the first K images")
    parser.add_argument("--markdown", type=Path)
    parser.add_argument(
        "--height",
        type=int,
        default=0,
        help="time on copies resized to this many pixels tall (JPEG q92)",
    )
    args = parser.parse_args(argv)
    if args.height:
        with tempfile.TemporaryDirectory() as tmp:
            label = f"{args.dataset.name} enlarged to {args.height} px tall"
            return _run(args, _resized_copy(args.dataset, Path(tmp), args.height), label)
    return _run(args, args.dataset, args.dataset.name)


def _resized_copy(dataset: Path, out: Path, height: int) -> Path:
    truth = json.loads((dataset / "truth.json").read_text())
    records = truth["records"] if isinstance(truth, dict) else truth
    (out / "images").mkdir(parents=True)
    for rec in records:
        img = cv2.imread(str(dataset / rec["file"]))
        f = height / img.shape[0]
        big = cv2.resize(img, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
        cv2.imwrite(str(out / rec["file"]), big, [cv2.IMWRITE_JPEG_QUALITY, 92])
    (out / "truth.json").write_text(json.dumps(truth))
    return out


def _run(args: argparse.Namespace, dataset: Path, label: str) -> int:
    args.dataset = dataset
    from hipdip.vision.detection import default_detector, default_people_mask

    truth = json.loads((args.dataset / "truth.json").read_text())
    records = truth["records"] if isinstance(truth, dict) else truth
    if args.limit:
        records = records[: args.limit]
    detector = default_detector()
    default_people_mask()
    first = records[0]
    full_call(str(args.dataset / first["file"]), first["height_cm"], first["view"])  # warm-up
    bare_call(str(args.dataset / first["file"]), detector)
    bare_med, full_med, ratios, parts = [], [], [], {"decode": [], "detect": [], "measure": []}
    for rec in records:
        path = str(args.dataset / rec["file"])
        b, f = [], []
        for _ in range(args.repeat):
            b.append(bare_call(path, detector))
            ms, timing = full_call(path, rec["height_cm"], rec["view"])
            f.append(ms)
            for k in parts:
                parts[k].append(timing.get(k, 0.0))
        bare_med.append(statistics.median(b))
        full_med.append(statistics.median(f))
        ratios.append(full_med[-1] / bare_med[-1])
    h, w = cv2.imread(str(args.dataset / first["file"])).shape[:2]
    rows = [
        "| measure | median ms |",
        "|---|---:|",
        f"| bare model call (decode + pose + segmentation) | {statistics.median(bare_med):.1f} |",
        f"| `analyze` total | {statistics.median(full_med):.1f} |",
        f"| of which decode | {statistics.median(parts['decode']):.1f} |",
        f"| of which detect (pose + segmentation + everyone-in-frame mask) | "
        f"{statistics.median(parts['detect']):.1f} |",
        f"| of which measure (outline, checks, measurement) | "
        f"{statistics.median(parts['measure']):.1f} |",
        f"| **ratio analyze / bare (median of per-image ratios)** | "
        f"**{statistics.median(ratios):.2f}** |",
    ]
    text = (
        f"Dataset: `{label}`, {len(records)} images of {w}x{h} px, "
        f"{args.repeat} alternating runs each, one process, model warm.\n\n"
        + "\n".join(rows)
        + "\n"
    )
    print(text)
    if args.markdown:
        args.markdown.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
