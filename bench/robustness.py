"""Accuracy under photo conditions wider than the dataset's: size, light, noise, compression.

Usage: python bench/robustness.py DATASET_DIR [--jobs N] [--markdown OUT.md]

Each condition transforms every dataset photo (the body itself is unchanged, so the true
depths in mm still hold), re-encodes it as JPEG and runs `analyze` on the bytes. Prints depth
MAE, P90, bias, presence F1 and failures per condition. This is a stress test of the method,
not a substitute for real held-out photos.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import cv2
import numpy as np

from accuracy import summarise


def _resize_to(img: np.ndarray, height: int) -> np.ndarray:
    f = height / img.shape[0]
    interp = cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC
    return cv2.resize(img, None, fx=f, fy=f, interpolation=interp)


def _gamma(img: np.ndarray, g: float) -> np.ndarray:
    lut = np.clip(((np.arange(256) / 255.0) ** g) * 255.0, 0, 255).astype(np.uint8)
    return cv2.LUT(img, lut)


def _noise(img: np.ndarray, sigma: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.clip(img + rng.normal(0, sigma, img.shape), 0, 255).astype(np.uint8)


def _warm(img: np.ndarray) -> np.ndarray:
    out = img.astype(np.float32) * np.array([0.85, 0.95, 1.12])  # BGR: a warm indoor cast
    return np.clip(out, 0, 255).astype(np.uint8)


CONDITIONS = {
    "as given (1800 px)": lambda im, i: (im, 92),
    "1300 px tall": lambda im, i: (_resize_to(im, 1300), 92),
    "2600 px tall": lambda im, i: (_resize_to(im, 2600), 92),
    "3600 px tall": lambda im, i: (_resize_to(im, 3600), 92),
    "darker (gamma 1.6)": lambda im, i: (_gamma(im, 1.6), 92),
    "brighter (gamma 0.6)": lambda im, i: (_gamma(im, 0.6), 92),
    "warm colour cast": lambda im, i: (_warm(im), 92),
    "sensor noise (sigma 6)": lambda im, i: (_noise(im, 6.0, i), 92),
    "JPEG quality 60": lambda im, i: (im, 60),
}


def _job(args: tuple[str, str, int, float, str]) -> dict:
    from hipdip.vision import analyze

    condition, path, index, height, view = args
    img = cv2.imread(path, cv2.IMREAD_COLOR)
    out, quality = CONDITIONS[condition](img, index)
    ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return analyze(buf.tobytes(), height_cm=height, view=view, name=path).to_dict(
        include_geometry=False
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args(argv)
    truth = json.loads((args.dataset / "truth.json").read_text())
    records = truth["records"] if isinstance(truth, dict) else truth
    lines = [
        "| condition | analysed | MAE mm | P90 mm | bias mm | F1 | side swaps | failures |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    with ProcessPoolExecutor(max_workers=args.jobs, mp_context=get_context("spawn")) as pool:
        import os

        only = os.environ.get("ONLY")
        for name in CONDITIONS:
            if only and name not in only.split(","):
                continue
            work = [
                (name, str(args.dataset / r["file"]), i, r["height_cm"], r["view"])
                for i, r in enumerate(records)
            ]
            results = list(pool.map(_job, work, chunksize=2))
            rows = [{"truth": r, "result": a} for r, a in zip(records, results, strict=True)]
            s = summarise(rows)
            fails = ", ".join(f"{k} {v}" for k, v in sorted(Counter(s["failures"]).items()))
            lines.append(
                f"| {name} | {s['analysed']}/{s['images']} | {s['mae']:.2f} | "
                f"{s['p90']:.2f} | {s['bias']:+.2f} | {s['f1']:.3f} | {s['swaps']} | "
                f"{fails or 'none'} |"
            )
            print(lines[-1], flush=True)
    text = (
        f"Dataset: `{args.dataset.name}` ({len(records)} images per condition)\n\n"
        + "\n".join(lines)
        + "\n"
    )
    print("\n" + text)
    if args.markdown:
        args.markdown.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
