"""Time of a result preview against one analysis of the same 12-megapixel photo.

Usage: python bench/preview.py DATASET_DIR [--limit K] [--repeat N] [--markdown OUT.md]

Dataset photos are enlarged to 3000x4000 px (12 MP) and saved as JPEG. For each, alternately:
(a) `analyze` from the file; (b) a preview from the file: the same analysis plus the warp at
70 % fill and the simulation label. The preview is rendered at the analysed resolution (large
JPEGs are decoded at half size: 1500x2000 px here).
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--limit", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args(argv)
    from hipdip.vision import analyze
    from hipdip.vision.loading import load_photo
    from hipdip.vision.preview import preview_fill

    truth = json.loads((args.dataset / "truth.json").read_text())
    records = (truth["records"] if isinstance(truth, dict) else truth)[: args.limit]
    a_ms, p_ms, ratios = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i, rec in enumerate(records):
            img = cv2.resize(
                cv2.imread(str(args.dataset / rec["file"])),
                (3000, 4000),
                interpolation=cv2.INTER_CUBIC,
            )
            path = Path(tmp) / f"{i}.jpg"
            cv2.imwrite(str(path), img, [cv2.IMWRITE_JPEG_QUALITY, 92])
            analyze(path, height_cm=rec["height_cm"], view=rec["view"])  # warm
            ta, tp = [], []
            for _ in range(args.repeat):
                t = time.perf_counter()
                analyze(path, height_cm=rec["height_cm"], view=rec["view"])
                ta.append(time.perf_counter() - t)
                t = time.perf_counter()
                photo = load_photo(path)
                res = analyze(photo, height_cm=rec["height_cm"], view=rec["view"])
                if res.ok:
                    preview_fill(photo.rgb, res, fill=0.7)
                tp.append(time.perf_counter() - t)
            a_ms.append(statistics.median(ta) * 1000)
            p_ms.append(statistics.median(tp) * 1000)
            ratios.append(p_ms[-1] / a_ms[-1])
    text = (
        f"{len(records)} photos of 3000x4000 px, {args.repeat} alternating runs each.\n\n"
        "| measure | median ms |\n|---|---:|\n"
        f"| `analyze` | {statistics.median(a_ms):.1f} |\n"
        f"| preview (analysis + warp + label) | {statistics.median(p_ms):.1f} |\n"
        f"| **ratio preview / analysis (median of per-photo ratios)** | "
        f"**{statistics.median(ratios):.2f}** |\n"
    )
    print(text)
    if args.markdown:
        args.markdown.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
