"""`hipdip reminders run [--every N]` and `hipdip beat`: the periodic reminder jobs.

With a broker (CELERY_BROKER_URL) the jobs run on Celery beat, inside `hipdip worker`
(unless --no-beat) or in one separate `hipdip beat`. Without one (the embedded default),
`hipdip reminders run --every 60` runs them in a loop; from cron, `hipdip reminders run`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any


def add_parsers(sub: Any) -> None:
    """Register `reminders` and `beat`."""
    p = sub.add_parser(
        "reminders",
        help="run the reminder jobs (escalations, alert re-sends, reminders) now",
        description="Run every reminder job once: escalations of unacknowledged alerts, "
        "re-sending of undelivered alerts and deferred messages, appointment, check-in and "
        "pre-op reminders. Each job is idempotent. With --every N, run again every N "
        "seconds until stopped (the way to run them without a Celery broker).",
    )
    p.add_argument("action", choices=["run"], help="run the jobs")
    p.add_argument(
        "--every", type=int, default=0, metavar="N", help="repeat every N seconds (N >= 10)"
    )
    p.add_argument("--job", default="", help="run only this job (e.g. escalations)")
    p.set_defaults(handler=reminders)

    p = sub.add_parser(
        "beat",
        help="run Celery beat alone (periodic jobs from the database; needs CELERY_BROKER_URL)",
        description="Run the Celery beat scheduler with the schedule stored in the database. "
        "Use it with `hipdip worker --no-beat`; run exactly one beat per installation.",
    )
    p.add_argument("--loglevel", default="INFO")
    p.set_defaults(handler=beat)


def reminders(args: argparse.Namespace) -> int:
    """Run the reminder jobs once, or in a loop."""
    from hipdip.cli.web import _migrate, _setup

    if args.every and args.every < 10:
        print("hipdip reminders: --every must be at least 10 seconds", file=sys.stderr)
        return 2
    _setup()
    _migrate()
    from hipdip.web.reminders.services import JOBS, reminders_run_all

    if args.job and args.job not in JOBS:
        print(f"hipdip reminders: no job {args.job!r}; jobs: {', '.join(JOBS)}", file=sys.stderr)
        return 2
    while True:
        if args.job:
            from django.utils import timezone

            result: Any = {args.job: JOBS[args.job](now=timezone.now())}
        else:
            result = reminders_run_all()
        print("hipdip reminders: " + json.dumps(result, sort_keys=True), flush=True)
        if not args.every:
            return 0
        time.sleep(args.every)


def beat(args: argparse.Namespace) -> int:
    """Run Celery beat with the database scheduler."""
    import os

    from hipdip.cli.web import DEFAULT_SETTINGS, _load_env_file, _setup

    _load_env_file()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    if not os.environ.get("CELERY_BROKER_URL"):
        print(
            "hipdip beat: set CELERY_BROKER_URL; without a broker run "
            "`hipdip reminders run --every 60` instead.",
            file=sys.stderr,
        )
        return 2
    _setup()
    from django.conf import settings

    from hipdip.web.celery import app

    app.start(
        ["beat", f"--loglevel={args.loglevel}", f"--scheduler={settings.CELERY_BEAT_SCHEDULER}"]
    )
    return 0
