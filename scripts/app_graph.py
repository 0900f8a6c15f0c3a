"""Print which hipdip web apps import which, and every pair that imports both ways.

Imports inside functions count; imports under ``if TYPE_CHECKING:`` are listed apart
(they name a type for mypy and never run). Usage::

    .venv/bin/python scripts/app_graph.py [-v]
"""

from __future__ import annotations

import ast
import collections
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "src"
WEB = ROOT / "hipdip" / "web"


def _app(module: str) -> str | None:
    parts = module.split(".")
    if parts[:2] != ["hipdip", "web"] or len(parts) < 3:
        return None
    return parts[2]


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                for sub in ast.walk(child):
                    if hasattr(sub, "lineno"):
                        lines.add(sub.lineno)
    return lines


def graph() -> tuple[dict[tuple[str, str], list[str]], dict[tuple[str, str], list[str]]]:
    """(runtime edges, type-only edges), each mapping (importer, imported) to places."""
    runtime: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    typing_only: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    for path in sorted(WEB.rglob("*.py")):
        rel = path.relative_to(ROOT)
        module = ".".join(rel.with_suffix("").parts)
        source = _app(module)
        if source is None:
            continue
        tree = ast.parse(path.read_text())
        type_lines = _type_checking_lines(tree)
        package = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                targets = [f"{target}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            for target in targets:
                dest = _app(target)
                if dest is None or dest == source:
                    continue
                where = f"{rel}:{node.lineno} {target}"
                bucket = typing_only if node.lineno in type_lines else runtime
                if where not in bucket[(source, dest)]:
                    bucket[(source, dest)].append(where)
    return runtime, typing_only


def main() -> int:
    runtime, typing_only = graph()
    verbose = "-v" in sys.argv
    for title, edges in (("imports", runtime), ("type-only imports", typing_only)):
        if verbose:
            print(f"# {title}")
            for (a, b), places in sorted(edges.items()):
                print(f"{a} -> {b}")
                for place in places:
                    print(f"    {place}")
    pairs = sorted({tuple(sorted(k)) for k in runtime if (k[1], k[0]) in runtime})
    print(f"two-way pairs (runtime imports): {len(pairs)}")
    for a, b in pairs:
        print(f"  {a} <-> {b}")
    both = {**typing_only}
    for k, v in runtime.items():
        both.setdefault(k, []).extend(v)
    typed_pairs = sorted({tuple(sorted(k)) for k in both if (k[1], k[0]) in both})
    extra = [p for p in typed_pairs if p not in pairs]
    print(f"further two-way pairs through type-only imports: {len(extra)}")
    for a, b in extra:
        print(f"  {a} <-> {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
