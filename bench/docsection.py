"""Write one bench's own section into docs/benchmarks.md without touching the rest.

Each section sits between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` markers; a
section that is not there yet is appended at the end. `bench/report.py` keeps these
sections when it rewrites the file.
"""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def _markers(name: str) -> tuple[str, str]:
    return f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"


def write_section(name: str, text: str, path: Path = DOCS) -> None:
    """Replace (or append) the section NAME of PATH with TEXT."""
    start, end = _markers(name)
    block = f"{start}\n{text.rstrip()}\n{end}\n"
    old = path.read_text() if path.exists() else ""
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end) + r"\n?", re.DOTALL)
    if pattern.search(old):
        new = pattern.sub(lambda _m: block, old, count=1)
    else:
        new = old.rstrip() + "\n\n" + block
    path.write_text(new)


def kept_sections(text: str) -> list[str]:
    """Every marked section in TEXT, markers included, in order."""
    pattern = r"<!-- bench:([\w-]+) -->.*?<!-- /bench:\1 -->"
    return [m.group(0) for m in re.finditer(pattern, text, re.DOTALL)]


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def write_run(name: str, intro: str, text: str, label: str = "", path: Path = DOCS) -> None:
    """Record one bench run in docs/benchmarks.md.

    Unlabelled, the run is the section NAME (INTRO, then the figures under "Current
    analyser"). With a LABEL (e.g. a baseline), it gets a section of its own, NAME-LABEL, that
    later unlabelled runs leave alone; the section NAME then holds INTRO if it has not been
    written yet.
    """
    if not label:
        write_section(name, f"{intro.rstrip()}\n\n### Current analyser\n\n{text}", path)
        return
    start, _ = _markers(name)
    if not path.exists() or start not in path.read_text():
        write_section(name, intro, path)
    write_section(f"{name}-{_slug(label)}", f"### {label}\n\n{text}", path)
