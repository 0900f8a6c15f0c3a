"""`hipdip serve | demo | worker | manage`: run the clinic web app.

Django, Celery and gunicorn are imported inside the handlers so that `hipdip analyze`
starts as fast as before.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

DEFAULT_SETTINGS = "hipdip.web.settings.local"


def add_parsers(sub: Any) -> None:
    """Register the web app's sub-commands."""
    p = sub.add_parser(
        "serve",
        help="run the web app (applies migrations, collects static files, starts gunicorn)",
        description="Run the clinic web app with a production WSGI server (gunicorn). "
        "Database migrations are applied and static files collected first.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("HIPDIP_WEB_WORKERS", "2")),
        help="gunicorn worker processes (default 2, or HIPDIP_WEB_WORKERS)",
    )
    p.add_argument(
        "--no-reminders",
        action="store_true",
        help="without a broker, do not run the reminder jobs beside the server (run "
        "`hipdip reminders run` from cron instead)",
    )
    p.set_defaults(handler=serve)

    p = sub.add_parser(
        "demo",
        help="create or refresh the demo clinic, staff and patients (idempotent)",
        description="Create the demo clinic with coordinator@, surgeon@, admin@ and "
        "patient1-3@example.com, each patient with analysed photo sessions. The password "
        "is HIPDIP_DEMO_PASSWORD if set, else a new one is generated and printed.",
    )
    p.set_defaults(handler=demo)

    p = sub.add_parser(
        "worker",
        help="run a Celery worker for background analyses (needs CELERY_BROKER_URL)",
        description="Run a Celery worker on CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0).",
    )
    p.add_argument("--concurrency", type=int, default=None, help="worker processes")
    p.add_argument("--loglevel", default="INFO")
    p.add_argument(
        "--no-beat",
        action="store_true",
        help="do not run the periodic jobs (the sweeper that queues stuck analyses again, "
        "the reminder jobs) in this worker; run `hipdip beat` once elsewhere instead",
    )
    p.set_defaults(handler=worker)

    p = sub.add_parser(
        "backup",
        help="write the database and media files into one archive (mode 0600)",
        description="Copy the database (SQLite online backup, or pg_dump on PostgreSQL) "
        "and every media file under HIPDIP_HOME into one tar archive readable by its owner "
        "only. With --encrypt it is sealed (AES-256-GCM) with the key in HIPDIP_BACKUP_KEY.",
    )
    p.add_argument("out", help="path of the new archive (must not exist)")
    p.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt the archive with the key in HIPDIP_BACKUP_KEY (see hipdip backup-key)",
    )
    p.set_defaults(handler=backup)

    p = sub.add_parser(
        "backup-key",
        help="print a new random key for encrypted backups (HIPDIP_BACKUP_KEY)",
        description="Print a new random 32-byte key in base64. Keep it apart from the "
        "backups (e.g. in the password manager): without it an encrypted backup cannot be "
        "restored.",
    )
    p.set_defaults(handler=backup_key)

    p = sub.add_parser(
        "restore",
        help="load a backup archive into an empty home",
        description="Restore an archive written by `hipdip backup` into the database and "
        "media folder of HIPDIP_HOME / DATABASE_URL, which must be empty. Every file is "
        "checked against the archive's checksums. An encrypted archive needs its key in "
        "HIPDIP_BACKUP_KEY; it is decrypted and checked in full before anything is loaded.",
    )
    p.add_argument("archive", help="archive written by `hipdip backup`")
    p.set_defaults(handler=restore)

    p = sub.add_parser(
        "manage",
        help="Django's manage.py (e.g. hipdip manage createsuperuser)",
        add_help=False,
    )
    p.add_argument("args", nargs=argparse.REMAINDER)
    p.set_defaults(handler=manage)

    from hipdip.cli import reminders as reminders_cmd

    reminders_cmd.add_parsers(sub)


def _load_env_file() -> None:
    """Read `.env` (or HIPDIP_ENV_FILE) into the environment; real variables win."""

    path = Path(os.environ.get("HIPDIP_ENV_FILE", ".env"))
    if path.is_file():
        import environ

        environ.Env.read_env(str(path))


def _setup() -> None:
    _load_env_file()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    # The database cache's table, should the settings have switched to it since `migrate`.
    call_command("createcachetable", verbosity=0)


def serve(args: argparse.Namespace) -> int:
    """Migrate, collect static files, then serve with gunicorn."""
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    _migrate()
    _collect_static(call_command)
    from gunicorn.app.base import BaseApplication

    class _App(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in gunicorn_options(args).items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from hipdip.web.wsgi import application

            return application

    mode = "in-process" if settings.CELERY_TASK_ALWAYS_EAGER else "on the Celery broker"
    say(f"hipdip: serving on http://{args.host}:{args.port}/ (analyses run {mode})")
    loop = None
    if settings.CELERY_TASK_ALWAYS_EAGER and not getattr(args, "no_reminders", False):
        loop = start_reminder_loop()
    try:
        _App().run()
    finally:
        if loop is not None and loop.poll() is None:
            loop.terminate()
            loop.wait(timeout=30)
    return 0


def say(message: str) -> None:
    """A line for the operator: printed, or in JSON mode a log record like every other
    line of the server (a log collector then reads one JSON object per line)."""
    from django.conf import settings

    if settings.HIPDIP_LOG_FORMAT == "json":
        import logging

        logging.getLogger("hipdip.serve").info(message)
    else:
        print(message, flush=True)


#: Seconds between two runs of the reminder jobs beside `hipdip serve` (no broker).
REMINDER_LOOP_SECONDS = 60


def start_reminder_loop() -> subprocess.Popen[bytes]:
    """Without a broker nothing runs on a clock, yet an urgent check-in must still escalate:
    run `hipdip reminders run --every 60` as a child of the server, stopped with it."""
    say(
        f"hipdip: reminder jobs run every {REMINDER_LOOP_SECONDS} s beside the server "
        "(escalations, alert re-sends, appointment and check-in reminders)"
    )
    argv = [sys.executable, "-c", "from hipdip.cli import main; raise SystemExit(main())"]
    argv += ["reminders", "run", "--every", str(REMINDER_LOOP_SECONDS)]
    return subprocess.Popen(argv, stdout=subprocess.DEVNULL)


def gunicorn_options(args: argparse.Namespace) -> dict[str, Any]:
    """The gunicorn configuration of `hipdip serve`. Its access log goes through the
    scrubbing logger: calendar-feed, reset and invitation links carry secrets. With
    HIPDIP_LOG_FORMAT=json gunicorn's access and error logs are JSON like the rest
    (`access_log_format` then does not apply)."""
    from django.conf import settings

    from hipdip.web.core.accesslog import json_gunicorn_logger
    from hipdip.web.core.logscrub import scrubbing_gunicorn_logger

    json_logs = settings.HIPDIP_LOG_FORMAT == "json"
    return {
        "bind": f"{args.host}:{args.port}",
        "workers": max(1, args.workers),
        "threads": 4,
        "timeout": 120,
        "accesslog": "-",
        "access_log_format": '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms',
        "logger_class": json_gunicorn_logger() if json_logs else scrubbing_gunicorn_logger(),
        "forwarded_allow_ips": "127.0.0.1",
        # No control socket in the user's home directory.
        "control_socket_disable": True,
    }


def _collect_static(call_command: Any) -> None:
    """Collect static files, unless the sources are unchanged since the last collection
    (compressing every file takes several seconds)."""
    import hashlib

    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    stamp = Path(settings.STATIC_ROOT) / ".hipdip-sources"
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(digest.hexdigest())


def demo(args: argparse.Namespace) -> int:
    """Create or refresh the demo data and print how to sign in."""
    _setup()
    _migrate()
    from hipdip.web.demo import DEMO_EMAILS, demo_seed

    password = os.environ.get("HIPDIP_DEMO_PASSWORD") or _generated_password()
    result = demo_seed(password=password)
    print(
        f"hipdip demo: {result.clinic.name}: {result.created_sessions} new photo sessions, "
        f"{result.measured} photos measured."
    )
    print("Sign in at http://127.0.0.1:8000/accounts/login/ with any of:")
    for email in DEMO_EMAILS:
        print(f"  {email}")
    source = "HIPDIP_DEMO_PASSWORD" if os.environ.get("HIPDIP_DEMO_PASSWORD") else "generated"
    print(f"Password ({source}): {password}")
    return 0


def _generated_password() -> str:
    return "demo-" + secrets.token_urlsafe(9)


def worker(args: argparse.Namespace) -> int:
    """Run a Celery worker for this project's queue."""
    _load_env_file()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    if not os.environ.get("CELERY_BROKER_URL"):
        print(
            "hipdip worker: set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0); without it "
            "analyses already run inside the web server.",
            file=sys.stderr,
        )
        return 2
    _setup()
    from hipdip.web.celery import app

    argv = ["worker", f"--loglevel={args.loglevel}", "--without-gossip", "--without-mingle"]
    if not args.no_beat:
        # Periodic jobs in the worker: zero setup on one machine. Several workers may each
        # run them; the sweeper claims rows and the reminder jobs use dedupe keys, so a
        # photo is still queued, and a reminder sent, only once. The schedule is in the
        # database (django-celery-beat), editable in the Django admin.
        from django.conf import settings

        argv += ["--beat", f"--scheduler={settings.CELERY_BEAT_SCHEDULER}"]
    if args.concurrency:
        argv.append(f"--concurrency={args.concurrency}")
    app.worker_main(argv)
    return 0


def backup(args: argparse.Namespace) -> int:
    """Write a backup archive of this home."""
    _setup()
    from hipdip.web.clinic.backups import BackupError
    from hipdip.web.clinic.backups import backup as write_backup

    try:
        result = write_backup(Path(args.out), encrypt=args.encrypt)
    except BackupError as exc:
        print(f"hipdip backup: {exc}", file=sys.stderr)
        return 2
    print(
        f"hipdip backup: {result.archive} ({result.engine} database, "
        f"{result.media_files} media files, {result.media_bytes} bytes"
        f"{', encrypted' if args.encrypt else ''})"
    )
    return 0


def backup_key(args: argparse.Namespace) -> int:
    """Print a new key for `hipdip backup --encrypt`."""
    from hipdip.web.clinic.backup_crypto import new_key

    print(new_key())
    return 0


def restore(args: argparse.Namespace) -> int:
    """Restore a backup archive into this (empty) home."""
    _setup()
    from hipdip.web.clinic.backups import BackupError
    from hipdip.web.clinic.backups import restore as load_backup

    try:
        result = load_backup(Path(args.archive))
    except BackupError as exc:
        print(f"hipdip restore: {exc}", file=sys.stderr)
        return 2
    print(
        f"hipdip restore: {result.engine} database and {result.media_files} media files "
        f"restored from {result.archive}"
    )
    return 0


def manage(args: argparse.Namespace) -> int:
    """Pass everything through to Django's management commands."""
    _load_env_file()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["hipdip manage", *args.args])
    return 0
