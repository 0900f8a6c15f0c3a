"""With HIPDIP_LOG_FORMAT=json, `hipdip serve`'s access log is JSON too: one object per
request (method, scrubbed path, status, duration, request id), never a query string; plain
mode keeps gunicorn's line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse

from hipdip.cli.web import gunicorn_options

HIPDIP = str(Path(sys.executable).with_name("hipdip"))
FEED = "feedSECRETfeedSECRETfeedSECRET0123456789ab"
QUERY = "querySECRETquerySECRET0123456789"


# The server below runs on its own fresh SQLite home whatever DATABASE_URL says, so the
# PostgreSQL pass of scripts/test would only repeat it (and its minute of migrations).
own_home_once = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="starts hipdip on its own SQLite home: run once, in the SQLite pass",
)


def _logger(tmp_path: Path) -> Any:
    from gunicorn.config import Config

    cfg = Config()
    for key, value in gunicorn_options(argparse.Namespace(host="h", port=1, workers=1)).items():
        cfg.set(key, value)
    cfg.set("accesslog", str(tmp_path / "access.log"))
    cfg.set("errorlog", str(tmp_path / "error.log"))
    return cfg.logger_class(cfg)


def _request(logger: Any, path: str, query: str, request_id: str | None) -> None:
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{path}?{query}",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
        "HTTP_REFERER": f"http://testserver{path}?{query}",
    }
    headers = [("Content-Type", "text/calendar")]
    if request_id:
        headers.append(("X-Request-ID", request_id))
    response = SimpleNamespace(status="200 OK", sent=512, headers=headers)
    logger.access(response, SimpleNamespace(headers=[]), environ, dt.timedelta(microseconds=7300))


def _close(logger: Any) -> None:
    for log in (logger.access_log, logger.error_log):
        for handler in log.handlers:
            handler.close()


def test_in_json_mode_each_request_is_one_scrubbed_json_object(
    tmp_path: Path, settings: Any
) -> None:
    settings.HIPDIP_LOG_FORMAT = "json"
    logger = _logger(tmp_path)
    feed = reverse("recovery:calendar_feed", kwargs={"token": FEED})
    _request(logger, feed, f"token={QUERY}", "lb-4f2a9c1e77")
    _request(logger, "/health/", "", None)
    logger.info("Booting worker with pid: %s", 42)
    _close(logger)
    access = [json.loads(line) for line in (tmp_path / "access.log").read_text().splitlines()]
    assert len(access) == 2
    first = access[0]
    assert first["method"] == "GET" and first["status"] == 200
    assert first["path"] == "/calendar/[redacted].ics"
    assert first["duration_ms"] == 7.3
    assert first["bytes"] == 512
    assert first["request_id"] == "lb-4f2a9c1e77"
    assert first["logger"] == "gunicorn.access" and first["level"] == "INFO" and "time" in first
    assert first["message"] == "GET /calendar/[redacted].ics 200"
    assert access[1]["request_id"] == "-"
    # Nothing of the query string or the referer; no address.
    text = (tmp_path / "access.log").read_text()
    assert "SECRET" not in text and "203.0.113.7" not in text and "testserver" not in text
    (boot,) = [json.loads(x) for x in (tmp_path / "error.log").read_text().splitlines()]
    assert boot["message"] == "Booting worker with pid: 42" and boot["logger"] == "gunicorn.error"


def test_plain_mode_keeps_gunicorns_line(tmp_path: Path, settings: Any) -> None:
    settings.HIPDIP_LOG_FORMAT = "plain"
    logger = _logger(tmp_path)
    _request(logger, reverse("recovery:calendar_feed", kwargs={"token": FEED}), "", None)
    _close(logger)
    line = (tmp_path / "access.log").read_text().strip()
    assert line == '203.0.113.7 "GET /calendar/[redacted].ics" 200 512 7ms'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "HIPDIP_", "DATABASE_URL", "CELERY_", "CACHE_URL"))
        and k != "REDIS_URL"
    }
    env.update(HIPDIP_HOME=str(home), HIPDIP_ENV_FILE=str(home / "no.env"))
    env["HIPDIP_LOG_FORMAT"] = "json"
    return env


def _get(url: str, **headers: str) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)


def _wait_for(url: str, server: subprocess.Popen[Any], err: Path) -> None:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"hipdip serve exited: {err.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail("hipdip serve did not answer in time")


@own_home_once
def test_the_real_server_logs_json_without_the_calendar_token(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    out, err = tmp_path / "stdout.log", tmp_path / "stderr.log"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    feed = reverse("recovery:calendar_feed", kwargs={"token": FEED})
    with out.open("wb") as stdout, err.open("wb") as stderr:
        server = subprocess.Popen(
            [HIPDIP, "serve", "--port", str(port), "--workers", "1", "--no-reminders"],
            env=_env(home),
            stdout=stdout,
            stderr=stderr,
        )
        try:
            _wait_for(base + "/health/", server, err)
            status, headers = _get(
                f"{base}{feed}?token={QUERY}", **{"X-Request-ID": "edge-0001-abcd"}
            )
        finally:
            server.terminate()
            server.wait(timeout=60)
    assert headers["X-Request-ID"] == "edge-0001-abcd"
    logged = out.read_text() + err.read_text()
    assert FEED not in logged and QUERY not in logged and "SECRET" not in logged
    # Every line the server wrote is a JSON object: access log, gunicorn's own, Django's.
    records = [json.loads(line) for line in logged.splitlines() if line.strip()]
    feeds = [
        r for r in records if r.get("logger") == "gunicorn.access" and "/calendar/" in r["path"]
    ]
    assert len(feeds) == 1, records
    (line,) = feeds
    assert line["method"] == "GET" and line["status"] == status
    assert line["path"] == "/calendar/[redacted].ics"
    assert line["request_id"] == "edge-0001-abcd"
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert any(r.get("logger") == "hipdip.serve" for r in records)
    assert any(r.get("logger") == "gunicorn.error" for r in records)
