"""Protocol benchmark: does the analyser refuse, with the right reason, what it cannot measure?

Usage: python bench/protocol.py DATASET_DIR [--jobs N] [--write-docs]

DATASET_DIR has the hipdip-protocol-v1 layout: truth.json records with `scene` (the kind of
photo) and `expect` (`measure`, or the canonical code a protocol-following analyser refuses
with). Prints, per kind: photos, right refusals, refusals for another reason (with the codes),
numbers given where a refusal was due, false refusals of `measure` photos and the depth MAE of
the measured ones; then the totals against the targets of issue 10. Only the public
`analyze(...).to_dict()` JSON is used, so it runs on any analyser version.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import numpy as np

MEASURE = "measure"

#: The one place where the dataset's canonical codes meet this analyser's codes
#: (`hipdip.vision.errors.Reason`): canonical code -> the codes that count as the right reason.
#: They are the same names today; `loose_clothing` is new in issue 10 and is counted as right
#: only once the analyser returns it.
CODE_MAP: dict[str, frozenset[str]] = {
    "loose_clothing": frozenset({"loose_clothing"}),
    "arms_touching_hips": frozenset({"arms_touching_hips"}),
    "body_turned": frozenset({"body_turned"}),
    "several_people": frozenset({"several_people"}),
    "feet_cut_off": frozenset({"feet_cut_off"}),
    "head_cut_off": frozenset({"head_cut_off"}),
}

TARGET_RIGHT_REASON = 0.90
TARGET_ANALYSED = 0.95


def _run(job: tuple[str, float, str]) -> dict:
    from hipdip.vision import analyze

    path, height, view = job
    return analyze(path, height_cm=height, view=view).to_dict()


def kind_of(record: dict) -> str:
    """The kind a photo is reported under: its scene, with cropped split by what is cut off."""
    if record["scene"] == "cropped":
        return "cropped_" + record["expect"].split("_")[0]
    return str(record["scene"])


def evaluate(dataset: Path, jobs: int) -> list[dict]:
    """Analyse every photo of the dataset; one {truth, result} row per photo."""
    truth = json.loads((dataset / "truth.json").read_text())
    records = truth["records"] if isinstance(truth, dict) else truth
    work = [(str(dataset / r["file"]), r["height_cm"], r["view"]) for r in records]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        results = list(pool.map(_run, work, chunksize=1))
    return [{"truth": r, "result": a} for r, a in zip(records, results, strict=True)]


def outcome(row: dict) -> str:
    """One of: right, wrong_reason, number (refusal due), analysed, false_refusal."""
    expect, result = row["truth"]["expect"], row["result"]
    if expect == MEASURE:
        return "analysed" if result["ok"] else "false_refusal"
    if result["ok"]:
        return "number"
    return "right" if result["error"]["code"] in CODE_MAP[expect] else "wrong_reason"


def _codes(counter: Counter[str]) -> str:
    """'3 (a 2, b 1)', or '0'."""
    if not counter:
        return "0"
    inner = ", ".join(f"{k} {v}" for k, v in sorted(counter.items()))
    return f"{sum(counter.values())} ({inner})"


def _side_errors(rows: list[dict]) -> list[float]:
    errors = []
    for row in rows:
        a, t = row["result"], row["truth"]
        if not a["ok"] or not t.get("truth_depth_valid", True):
            continue
        for s in ("left", "right"):
            errors.append(abs(a["sides"][s]["depth_mm"] - t["sides"][s]["depth_mm"]))
    return errors


def _coverage(rows: list[dict]) -> tuple[int, int]:
    """Sides whose stated interval holds the truth, and sides with an interval at all."""
    held = stated = 0
    for row in rows:
        a, t = row["result"], row["truth"]
        if not a["ok"] or not t.get("truth_depth_valid", True):
            continue
        for s in ("left", "right"):
            interval = a["sides"][s].get("depth_interval_mm")
            if interval is None:
                continue
            stated += 1
            held += interval[0] <= t["sides"][s]["depth_mm"] <= interval[1]
    return held, stated


def kind_table(rows: list[dict]) -> tuple[str, dict]:
    """The per-kind table and the totals against the targets."""
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_kind[kind_of(row["truth"])].append(row)
    out = [
        "| kind | expect | n | right refusal | other reason (codes) | number given "
        "| false refusal (codes) | analysed | MAE mm | 90 % interval coverage |",
        "|---|---|---:|---:|---|---:|---|---:|---:|---:|",
    ]
    totals = {"numbers": 0, "short_kinds": [], "measure_n": 0, "measure_ok": 0, "errors": []}
    for kind in sorted(by_kind, key=lambda k: (by_kind[k][0]["truth"]["expect"] == MEASURE, k)):
        group = by_kind[kind]
        expect = group[0]["truth"]["expect"]
        counts = Counter(outcome(r) for r in group)
        other = Counter(r["result"]["error"]["code"] for r in group if outcome(r) == "wrong_reason")
        false = Counter(
            r["result"]["error"]["code"] for r in group if outcome(r) == "false_refusal"
        )
        errors = _side_errors(group) if expect == MEASURE else []
        mae = f"{np.mean(errors):.2f}" if errors else "-"
        held, stated = _coverage(group) if expect == MEASURE else (0, 0)
        cover = f"{held}/{stated}" if stated else ("n/a" if expect == MEASURE and errors else "-")
        n = len(group)
        if expect == MEASURE:
            totals["measure_n"] += n
            totals["measure_ok"] += counts["analysed"]
            totals["errors"] += errors
            out.append(
                f"| {kind} | measure | {n} | - | - | - | {_codes(false)} | "
                f"{counts['analysed']}/{n} | {mae} | {cover} |"
            )
        else:
            totals["numbers"] += counts["number"]
            if counts["right"] < TARGET_RIGHT_REASON * n:
                totals["short_kinds"].append(kind)
            out.append(
                f"| {kind} | {expect} | {n} | {counts['right']}/{n} | "
                f"{_codes(other)} | {counts['number']} | - | - | - | - |"
            )
    return "\n".join(out), totals


def targets_table(rows: list[dict], totals: dict) -> str:
    due = sum(r["truth"]["expect"] != MEASURE for r in rows)
    kinds = {kind_of(r["truth"]) for r in rows if r["truth"]["expect"] != MEASURE}
    short = totals["short_kinds"]
    analysed = totals["measure_ok"] / totals["measure_n"] if totals["measure_n"] else float("nan")
    errors = totals["errors"]
    mae = f"{np.mean(errors):.2f} mm" if errors else "-"

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    return "\n".join(
        [
            "| target (issue 10) | result | |",
            "|---|---|---|",
            f"| 0 numbers where a refusal is due | {totals['numbers']} of {due} | "
            f"{verdict(totals['numbers'] == 0)} |",
            f"| >= 90 % right reason in every kind | {len(kinds) - len(short)} of "
            f"{len(kinds)} kinds{' (short: ' + ', '.join(short) + ')' if short else ''} | "
            f"{verdict(not short)} |",
            f"| >= 95 % of `measure` photos analysed | {totals['measure_ok']}/"
            f"{totals['measure_n']} ({100 * analysed:.0f} %), MAE {mae} | "
            f"{verdict(analysed >= TARGET_ANALYSED)} |",
        ]
    )


def mapping_table() -> str:
    try:
        from hipdip.vision import Reason

        known = {r.value for r in Reason}
    except ImportError:  # an analyser without the enum: say nothing about which codes exist
        known = set().union(*CODE_MAP.values())
    out = ["| canonical code | counted as right | in this analyser |", "|---|---|---|"]
    for canonical, ours in CODE_MAP.items():
        have = "yes" if ours & known else "not yet"
        out.append(f"| `{canonical}` | {', '.join(f'`{c}`' for c in sorted(ours))} | {have} |")
    return "\n".join(out)


def per_photo_table(rows: list[dict]) -> str:
    out = [
        "| photo | kind | expect | result | truth L / R mm |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        t, a = row["truth"], row["result"]
        if a["ok"]:
            s = a["sides"]
            got = f"{s['left']['depth_mm']:.1f} / {s['right']['depth_mm']:.1f} mm"
            warns = [w["code"] for w in a.get("warnings", [])]
            got += f" (warnings: {', '.join(warns)})" if warns else ""
        else:
            got = f"refused: {a['error']['code']}"
        valid = t.get("truth_depth_valid", True)
        tl, tr = t["sides"]["left"]["depth_mm"], t["sides"]["right"]["depth_mm"]
        truth = f"{tl:.1f} / {tr:.1f}" if valid else "n/a"
        out.append(f"| {Path(t['file']).name} | {kind_of(t)} | {t['expect']} | {got} | {truth} |")
    return "\n".join(out)


def report(dataset: Path, rows: list[dict], command: str) -> str:
    table, totals = kind_table(rows)
    return (
        f"Dataset: `{dataset.name}` ({len(rows)} photos). Command:\n\n    {command}\n\n"
        f"{table}\n\n{targets_table(rows, totals)}\n\n"
        "Canonical codes of the dataset and the codes of this analyser that count as the "
        f"right reason:\n\n{mapping_table()}\n\n<details><summary>Per photo</summary>\n\n"
        f"{per_photo_table(rows)}\n\n</details>\n"
    )


DOC_INTRO = """## Protocol (issue 10)

Photos that break the photo protocol (loose clothing, arms on the hips, turned bodies, a
second person, cut-off feet or head) must be refused with the reason that tells the person
what to change; photos that keep it (fitted clothing, a square stance turned up to 10
degrees with the camera pitched up to 12) must be measured. "Other reason" is a refusal
with a different code, which still gives no number but the wrong advice; "number given" is
the worst outcome. A measured side's interval coverage is shown when the analyser states a
90 % interval (`depth_interval_mm`).

Regenerate with

    .venv/bin/python bench/protocol.py ../shared/datasets/hipdip-protocol-v1 --jobs 2 --write-docs

which puts the analyser at hand's figures here under "Current analyser"; a run given
`--label` (such as the baseline below) has a section of its own that later runs keep.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--label", default="", help="a heading for a run kept apart in the docs")
    args = parser.parse_args(argv)
    rows = evaluate(args.dataset, args.jobs)
    command = f".venv/bin/python bench/protocol.py {args.dataset} --jobs {args.jobs}"
    text = report(args.dataset, rows, command)
    print(text)
    if args.write_docs:
        from docsection import write_run

        write_run("protocol", DOC_INTRO, text, args.label)
    return 0


if __name__ == "__main__":
    sys.exit(main())
