"""Health of one web instance, for a load balancer: can it serve requests right now?

Each check answers ``ok``, ``fail`` or ``not_used`` (the broker and the worker on a single
machine, where analyses run in the web process). Failures are logged by check name and
exception class only; the public answer carries no internals.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "hipdip:worker:heartbeat"
OK, FAIL, NOT_USED = "ok", "fail", "not_used"


def worker_heartbeat_record() -> None:
    """Called by a worker's periodic job: a worker is alive and takes tasks."""
    cache.set(HEARTBEAT_KEY, time.time(), timeout=24 * 3600)


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return OK


def _cache() -> str:
    key, value = f"hipdip:health:{secrets.token_hex(8)}", secrets.token_hex(8)
    cache.set(key, value, timeout=30)
    try:
        return OK if cache.get(key) == value else FAIL
    finally:
        cache.delete(key)


def _storage() -> str:
    name = default_storage.save(f"health/{secrets.token_hex(8)}.txt", ContentFile(b"ok"))
    default_storage.delete(name)
    return OK


def _uses_broker() -> bool:
    from hipdip.web.celery import app

    return not app.conf.task_always_eager


def _broker() -> str:
    """Connect and, on Redis, PING, within the broker timeouts of the settings."""
    if not _uses_broker():
        return NOT_USED
    from hipdip.web.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=settings.HIPDIP_BROKER_TIMEOUT_SECONDS)
        client = getattr(conn.default_channel, "client", None)
        if client is not None and hasattr(client, "ping"):
            client.ping()
    return OK


def _worker() -> str:
    """A worker ran its periodic job within HIPDIP_WORKER_HEARTBEAT_SECONDS."""
    if not _uses_broker():
        return NOT_USED
    beat = cache.get(HEARTBEAT_KEY)
    fresh = beat is not None and time.time() - float(beat) <= (
        settings.HIPDIP_WORKER_HEARTBEAT_SECONDS
    )
    return OK if fresh else FAIL


CHECKS: dict[str, Callable[[], str]] = {
    "database": _database,
    "cache": _cache,
    "storage": _storage,
    "broker": _broker,
    "worker": _worker,
}


def health_report() -> dict[str, object]:
    """Every check's answer and the overall status (``ok`` only if none failed)."""
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as exc:  # a health check reports, it never raises
            logger.warning("health check %s failed: %s", name, type(exc).__name__)
            results[name] = FAIL
    status = FAIL if FAIL in results.values() else OK
    return {"status": status, "checks": results}
