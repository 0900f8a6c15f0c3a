"""Accuracy of `hipdip.vision.analyze` against a dataset with ground truth.

Usage: python bench/accuracy.py DATASET_DIR [--jobs N] [--markdown OUT.md]

DATASET_DIR holds truth.json (the hipdip-synth-v1 layout). Prints one row per image and a
summary per view: depth MAE, median and P90 absolute error, bias, presence
precision/recall/F1 (present = depth >= 3 mm), side swaps, the coverage of the stated 90 %
intervals (`sides.<side>.depth_interval_mm`; "n/a" for an analyser that states none) and
failures by reason code.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import numpy as np

PRESENT_MM = 3.0
SWAP_MARGIN_MM = 2.0


def _run(job: tuple[str, float, str]) -> dict:
    from hipdip.vision import analyze

    path, height, view = job
    return analyze(path, height_cm=height, view=view).to_dict(include_geometry=False)


def evaluate(dataset: Path, jobs: int) -> list[dict]:
    truth = json.loads((dataset / "truth.json").read_text())
    records = truth["records"] if isinstance(truth, dict) else truth
    work = [(str(dataset / r["file"]), r["height_cm"], r["view"]) for r in records]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        results = list(pool.map(_run, work, chunksize=1))
    return [{"truth": r, "result": a} for r, a in zip(records, results, strict=True)]


def is_swapped(t: dict, p: dict) -> bool:
    """A side swap: the result fits the truth clearly better with the sides exchanged."""
    tl, tr = t["left"]["depth_mm"], t["right"]["depth_mm"]
    pl, pr = p["left"]["depth_mm"], p["right"]["depth_mm"]
    straight = abs(pl - tl) + abs(pr - tr)
    crossed = abs(pl - tr) + abs(pr - tl)
    return abs(tl - tr) > SWAP_MARGIN_MM and crossed + SWAP_MARGIN_MM < straight


def coverage(rows: list[dict]) -> tuple[int, int]:
    """Measured sides whose stated 90 % interval holds the true depth, and sides with one."""
    held = stated = 0
    for row in rows:
        t, a = row["truth"]["sides"], row["result"]
        if not a["ok"]:
            continue
        for s in ("left", "right"):
            interval = a["sides"][s].get("depth_interval_mm")
            if interval is None:
                continue
            stated += 1
            held += interval[0] <= t[s]["depth_mm"] <= interval[1]
    return held, stated


def coverage_text(rows: list[dict]) -> str:
    """'91.7 % (44/48)', or 'n/a' when no measured side has an interval."""
    held, stated = coverage(rows)
    return f"{100 * held / stated:.1f} % ({held}/{stated})" if stated else "n/a"


def summarise(rows: list[dict]) -> dict:
    errors, tp, fp, fn, swaps, fails = [], 0, 0, 0, 0, Counter()
    for row in rows:
        t, a = row["truth"]["sides"], row["result"]
        if not a["ok"]:
            fails[a["error"]["code"]] += 1
            continue
        swaps += is_swapped(t, a["sides"])
        for s in ("left", "right"):
            truth_d, pred_d = t[s]["depth_mm"], a["sides"][s]["depth_mm"]
            errors.append(pred_d - truth_d)
            tp += truth_d >= PRESENT_MM and pred_d >= PRESENT_MM
            fp += truth_d < PRESENT_MM <= pred_d
            fn += pred_d < PRESENT_MM <= truth_d
    e = np.abs(np.array(errors)) if errors else np.array([np.nan])
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    return {
        "images": len(rows),
        "analysed": len(rows) - sum(fails.values()),
        "mae": float(e.mean()),
        "median": float(np.median(e)),
        "p90": float(np.percentile(e, 90)),
        "bias": float(np.mean(errors)) if errors else float("nan"),
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if tp else 0.0,
        "swaps": swaps,
        "failures": dict(fails),
    }


def per_image_table(rows: list[dict]) -> str:
    out = [
        "| image | view | truth L | truth R | measured L | measured R | error L | error R |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        t, a = row["truth"], row["result"]
        tl, tr = t["sides"]["left"]["depth_mm"], t["sides"]["right"]["depth_mm"]
        if not a["ok"]:
            out.append(
                f"| {Path(t['file']).name} | {t['view']} | {tl:.1f} | {tr:.1f} | "
                f"failed: {a['error']['code']} | | | |"
            )
            continue
        pl, pr = a["sides"]["left"]["depth_mm"], a["sides"]["right"]["depth_mm"]
        out.append(
            f"| {Path(t['file']).name} | {t['view']} | {tl:.1f} | {tr:.1f} | {pl:.1f} | "
            f"{pr:.1f} | {pl - tl:+.1f} | {pr - tr:+.1f} |"
        )
    return "\n".join(out)


def summary_table(rows: list[dict]) -> str:
    out = [
        "| view | analysed | MAE mm | median mm | P90 mm | bias mm | precision | recall | "
        "F1 | side swaps | 90 % interval coverage | failures |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    groups = {"front": [], "back": [], "all": rows}
    for row in rows:
        groups[row["truth"]["view"]].append(row)
    for name, group in groups.items():
        if not group:
            continue
        s = summarise(group)
        fails = ", ".join(f"{k} {v}" for k, v in sorted(s["failures"].items())) or "none"
        out.append(
            f"| {name} | {s['analysed']}/{s['images']} | {s['mae']:.2f} | {s['median']:.2f} | "
            f"{s['p90']:.2f} | {s['bias']:+.2f} | {s['precision']:.3f} | {s['recall']:.3f} | "
            f"{s['f1']:.3f} | {s['swaps']} | {coverage_text(group)} | {fails} |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    args = parser.parse_args(argv)
    rows = evaluate(args.dataset, args.jobs)
    text = (
        f"Dataset: `{args.dataset.name}` ({len(rows)} images)\n\n"
        f"{summary_table(rows)}\n\n<details><summary>Per image</summary>\n\n"
        f"{per_image_table(rows)}\n\n</details>\n"
    )
    print(text)
    if args.markdown:
        args.markdown.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
