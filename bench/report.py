"""Run every benchmark on a dataset and write docs/benchmarks.md.

Usage: python bench/report.py DATASET_DIR [--out docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
from datetime import date
from pathlib import Path

import accuracy
import latency
import preview
import robustness
from docsection import kept_sections

TARGETS = """Targets (issue 2): depth MAE <= 2.0 mm, P90 <= 4.5 mm, presence F1 >= 0.90, no side
swaps, at least 97.5 % of photos analysed (the rest refused with a correct reason), and
`analyze` at most 1.5 x the bare model call."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--out", type=Path, default=Path("docs/benchmarks.md"))
    args = parser.parse_args(argv)
    ds = args.dataset
    with tempfile.TemporaryDirectory() as tmp:
        acc, lat, big, rob, prv = (
            Path(tmp) / n for n in ("acc.md", "lat.md", "big.md", "rob.md", "prv.md")
        )
        accuracy.main([str(ds), "--markdown", str(acc)])
        latency.main([str(ds), "--markdown", str(lat)])
        latency.main([str(ds), "--height", "3600", "--limit", "16", "--markdown", str(big)])
        robustness.main([str(ds), "--markdown", str(rob)])
        preview.main([str(ds), "--markdown", str(prv)])
        parts = [p.read_text() for p in (acc, lat, big, rob, prv)]
    cpu = platform.processor() or platform.machine()
    text = f"""# Benchmarks

Measured on {date.today().isoformat()} on this project's CI machine kind (2 cores, {cpu},
Python {platform.python_version()}). Regenerate everything with:

    .venv/bin/python bench/report.py {ds}

{TARGETS}

## Accuracy

    .venv/bin/python bench/accuracy.py {ds}

Depths are compared with `truth.json` (`depth_mm`, measured on the exact mask by the
dataset's definition). "Present" means a depth of 3 mm or more. A side swap is counted when the
two measured sides fit the truth clearly better (by 2 mm) the other way round.

{parts[0]}
## Speed

    .venv/bin/python bench/latency.py {ds}

Both timings are taken alternately, image by image, in one process with the model warm, so
machine noise hits both alike. The bare call is what any use of the model costs: an OpenCV
full-size decode plus mediapipe pose with segmentation. `analyze` adds the safe loader, the
whole-frame person check, outline refinement, quality checks and the measurement.

{parts[1]}
Large photos (the same images enlarged to 3600 px tall; `analyze` decodes JPEGs this big at
half size, the bare call at full size):

    .venv/bin/python bench/latency.py {ds} --height 3600 --limit 16

{parts[2]}
## Robustness (wider photo conditions, simulated)

    .venv/bin/python bench/robustness.py {ds}

Each dataset photo is transformed (resized, relit, colour-cast, noised or compressed harder)
and analysed again; the body is unchanged, so the true depths still hold. This stands in for
held-out photos taken under wider conditions; it does not cover other bodies, camera
heights or turned bodies, which need new renders.

{parts[3]}
## Result preview (issue 6)

    .venv/bin/python bench/preview.py {ds}

Target: a preview of a 12-megapixel photo in under 1.5 x the time of one analysis of it.

{parts[4]}"""
    # The protocol and wide-conditions sections (bench/protocol.py, bench/wide.py --write-docs)
    # are written by their own benches and kept as they are.
    kept = kept_sections(args.out.read_text()) if args.out.exists() else []
    text = "\n\n".join([text.rstrip(), *kept]) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
