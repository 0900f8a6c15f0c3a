"""Web processes keep no state of their own: sessions in the database, the cache (sign-in
throttling, rate limits, the worker heartbeat) in Redis or the database, so two processes
see the same counts; log lines carry a request id and can be JSON, still scrubbed."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.test import Client

from hipdip.web.settings import base

HIPDIP = str(Path(sys.executable).with_name("hipdip"))


def test_the_cache_is_shared_redis_or_the_database(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("CACHE_URL", "REDIS_URL"):
        monkeypatch.delenv(var, raising=False)
    default = base.caches_from_env()["default"]
    assert default["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/1")
    assert base.caches_from_env()["default"]["BACKEND"].endswith("redis.RedisCache")
    monkeypatch.setenv("CACHE_URL", "redis://cache.internal:6379/2")
    chosen = base.caches_from_env()["default"]
    assert chosen["LOCATION"] == "redis://cache.internal:6379/2"
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "HIPDIP_", "DATABASE_URL", "CACHE_URL", "REDIS_URL"))
    }
    env.update(HIPDIP_HOME=str(home), HIPDIP_ENV_FILE="/nonexistent/.env", **extra)
    return env


def _python(home: Path, code: str, **extra: str) -> subprocess.CompletedProcess[str]:
    setup = "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
    setup += "'hipdip.web.settings.local'); django.setup(); "
    return subprocess.run(
        [sys.executable, "-c", setup + code],
        env=_env(home, **extra),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


FAIL = (
    "from hipdip.web.accounts import throttle; "
    "[throttle.login_failure_record(email='{email}', ip='10.9.8.7') for _ in range(20)]"
)
WAIT = (
    "from hipdip.web.accounts import throttle; "
    "print(throttle.login_wait_seconds(email='{email}', ip='10.9.8.7'))"
)


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.parametrize("cache", ["database", "redis"])
def test_two_processes_share_sign_in_throttling(tmp_path: Path, cache: str) -> None:
    """Failures counted by one process pause the next attempt in another process."""
    extra: dict[str, str] = {}
    if cache == "redis":
        if not _redis_up():
            pytest.skip("no Redis on 127.0.0.1:6379")
        # A database of its own, emptied first: the address's failures from an earlier
        # run would otherwise still be counted.
        extra["REDIS_URL"] = "redis://127.0.0.1:6379/9"
        redis.Redis.from_url(extra["REDIS_URL"]).flushdb()
    migrated = subprocess.run(
        [HIPDIP, "manage", "migrate", "-v0"],
        env=_env(tmp_path, **extra),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert migrated.returncode == 0, migrated.stderr
    email = f"{uuid.uuid4().hex[:10]}@example.com"
    before = _python(tmp_path, WAIT.format(email=email), **extra)
    assert before.returncode == 0, before.stderr
    assert before.stdout.strip() == "0"
    failing = _python(tmp_path, FAIL.format(email=email), **extra)
    assert failing.returncode == 0, failing.stderr
    after = _python(tmp_path, WAIT.format(email=email), **extra)
    assert after.returncode == 0, after.stderr
    assert int(after.stdout.strip()) > 0
    # No file cache or other local state in the home: only the database file.
    assert not (tmp_path / "cache").exists()


LOG_CODE = """
import logging
from django.http import HttpResponse
from django.test import RequestFactory
from hipdip.web.core.requestid import RequestIdMiddleware

def view(request):
    logging.getLogger("hipdip.web.demo").warning("feed /calendar/abcdef0123456789.ics read")
    return HttpResponse("ok")

response = RequestIdMiddleware(view)(
    RequestFactory().get("/", HTTP_X_REQUEST_ID="lb-4f2a9c1e77")
)
print(response["X-Request-ID"])
logging.getLogger("hipdip.web.demo").warning("outside a request")
"""


def test_json_logs_carry_the_request_id_and_stay_scrubbed(tmp_path: Path) -> None:
    result = _python(tmp_path, LOG_CODE, HIPDIP_LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "lb-4f2a9c1e77"
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    inside, outside = lines[-2], lines[-1]
    assert inside["level"] == "WARNING" and inside["logger"] == "hipdip.web.demo"
    assert inside["request_id"] == "lb-4f2a9c1e77"
    assert "abcdef0123456789" not in inside["message"]
    assert "[redacted]" in inside["message"]
    assert "time" in inside
    assert outside["request_id"] == "-"
    plain = _python(tmp_path, LOG_CODE)
    assert "[lb-4f2a9c1e77]" in plain.stderr and not plain.stderr.lstrip().startswith("{")


@pytest.mark.django_db
def test_every_response_names_its_request_id() -> None:
    answer = Client().get("/health/")
    assert len(answer["X-Request-ID"]) == 32
    given = Client().get("/health/", headers={"X-Request-ID": "edge-0001-abcd"})
    assert given["X-Request-ID"] == "edge-0001-abcd"
    forged = Client().get("/health/", headers={"X-Request-ID": "x\nSet-Cookie: a=b"})
    assert forged["X-Request-ID"] != "x\nSet-Cookie: a=b"
