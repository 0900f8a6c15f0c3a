"""Page cost: SQL queries and server time of the pages `bench/load.py`'s users view, measured
in-process with Django's test client on the demo clinic (SQLite, a scratch HIPDIP_HOME).

    .venv/bin/python bench/pages.py [--repeat 30] [--profile PAGE]

No web server, no network: each request goes through the whole middleware stack, view and
templates, and the time is what the server spends on it. Signed in as the demo coordinator,
surgeon and patients, it requests each page `--repeat` times (after one warm-up request)
and prints per page: the number of SQL queries, the median and the 95th percentile of the
server time, and the median CPU time of the process (steadier than wall time on a shared
machine). Pages are those of `bench/load.py`'s user loop: staff the dashboard, the
patient list, the recovering patient's page and the check-in board; patients the
dashboard, their own page and their recovery page (the load gives each an equal share of
the page views).

`--profile PAGE` (a page name from the table, e.g. "staff patient") runs that page under
cProfile and prints the top 25 functions by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HIPDIP = str(ROOT / ".venv" / "bin" / "hipdip")
PASSWORD = "pages-bench-" + "x" * 8


@dataclass(frozen=True)
class Page:
    name: str
    email: str
    path: str  # {recovering} and {own} are filled with patient ids


#: bench/load.py's page views: staff pick one of four pages, patients one of three.
PAGES = (
    Page("staff dashboard", "coordinator@example.com", "/dashboard/"),
    Page("staff home", "coordinator@example.com", "/staff/"),
    Page("patient list", "coordinator@example.com", "/patients/"),
    Page("staff patient", "coordinator@example.com", "/patients/{recovering}/"),
    Page("surgeon patient", "surgeon@example.com", "/patients/{recovering}/"),
    Page("check-in board", "coordinator@example.com", "/clinic/checkins/"),
    Page("patient dashboard", "patient3@example.com", "/dashboard/"),
    Page("own page", "patient3@example.com", "/patients/{own}/"),
    Page("own recovery", "patient3@example.com", "/patients/{own}/recovery/"),
    Page("own page (no course)", "patient1@example.com", "/patients/{own}/"),
)


def _environment(home: Path) -> None:
    os.environ.update(
        HIPDIP_HOME=str(home),
        DJANGO_SETTINGS_MODULE="hipdip.web.settings.local",
        HIPDIP_DEMO_PASSWORD=PASSWORD,
        DJANGO_ALLOWED_HOSTS="testserver,127.0.0.1",
        HIPDIP_LOG_LEVEL="WARNING",
        EMAIL_URL="consolemail://",
    )
    for name in ("DATABASE_URL", "CACHE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
        os.environ.pop(name, None)  # SQLite in the scratch folder, local cache, no broker


def _build_demo(home: Path) -> None:
    print(f"pages: building the demo clinic in {home} (SQLite)...", file=sys.stderr, flush=True)
    subprocess.run([HIPDIP, "demo"], env=os.environ, check=True, stdout=subprocess.DEVNULL)


class _QueryLog(list[str]):
    """An execute wrapper that keeps the SQL of every query (works with DEBUG off)."""

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.append(sql)
        return execute(sql, params, many, context)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="requests per page (default 30)")
    parser.add_argument("--profile", metavar="PAGE", help="cProfile this page (top 25)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)
    names = [p.name for p in PAGES]
    if args.profile and args.profile not in names:
        parser.error(f"--profile: one of {', '.join(names)}")

    home = Path(tempfile.mkdtemp(prefix="hipdip-pages-"))
    try:
        _environment(home)
        _build_demo(home)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from hipdip.web.accounts.models import User
        from hipdip.web.patients.models import Patient

        call_command("collectstatic", interactive=False, verbosity=0)  # as `hipdip serve`
        try:  # as hipdip.web.wsgi does before serving (absent before it existed)
            from hipdip.web.core.heap import settle_heap
        except ImportError:
            pass
        else:
            settle_heap()
        ids = {p.user.email: str(p.pk) for p in Patient.objects.select_related("user")}
        recovering = ids["patient3@example.com"]
        clients: dict[str, Client] = {}
        for page in PAGES:
            if page.email not in clients:
                client = Client()
                client.force_login(User.objects.get(email=page.email))
                clients[page.email] = client

        rows = []
        for page in PAGES:
            if args.profile and page.name != args.profile:
                continue
            client = clients[page.email]
            url = page.path.format(recovering=recovering, own=ids.get(page.email, ""))
            first = client.get(url)  # warm-up: templates, content types, per-process caches
            queries = _QueryLog()
            with connection.execute_wrapper(queries):
                client.get(url)
            times, cpu = [], []
            profiler = cProfile.Profile() if args.profile else None
            for _ in range(args.repeat):
                start, start_cpu = time.perf_counter(), time.process_time()
                if profiler:
                    profiler.enable()
                client.get(url)
                if profiler:
                    profiler.disable()
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            rows.append(
                (page.name, first.status_code, len(queries), times, cpu),
            )
            if profiler:
                out = io.StringIO()
                stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
                stats.print_stats(25)
                print(out.getvalue())
                out = io.StringIO()
                stats.stream = out  # type: ignore[attr-defined]
                print("Of those, hipdip's own code (top 25 by cumulative time):")
                stats.print_stats(r"src/hipdip/", 25)
                print(out.getvalue())

        print(
            f"| page | status | queries | median ms | p95 ms | median CPU ms |  "
            f"({args.repeat} requests each)"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for name, status, queries, times, cpu in rows:
            print(
                f"| {name} | {status} | {queries} | {statistics.median(times) * 1000:.1f} "
                f"| {_pct(times, 0.95) * 1000:.1f} | {statistics.median(cpu) * 1000:.1f} |"
            )
    finally:
        if args.keep:
            print(f"pages: scratch folder kept in {home}", file=sys.stderr)
        else:
            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
