"""`/health/` for the load balancer: database, cache, broker, storage and a recent worker
heartbeat; 200 when the instance can serve, 503 (quickly) when it cannot."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from hipdip.web.assessments.tasks import photos_requeue_stuck_task
from hipdip.web.celery import app as celery_app
from hipdip.web.core import health

pytestmark = pytest.mark.django_db

REDIS = "redis://127.0.0.1:6379/14"


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _use_broker(url: str) -> None:
    celery_app.conf.update(broker_url=url, task_always_eager=False)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker() -> Iterator[None]:
    saved = {k: celery_app.conf[k] for k in ("broker_url", "task_always_eager")}
    yield
    celery_app.conf.update(saved)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def test_a_healthy_single_machine_answers_200_with_every_check() -> None:
    response = Client().get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"
    assert body["checks"]["storage"] == "ok"
    # No broker: analyses run in the web process, so there is no worker to wait for.
    assert body["checks"]["broker"] == "not_used"
    assert body["checks"]["worker"] == "not_used"
    assert "no-store" in response["Cache-Control"]


def test_a_broken_database_answers_503(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise connection.Database.OperationalError("the database is gone")

    monkeypatch.setattr(connection, "cursor", broken)
    response = Client().get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail" and body["checks"]["database"] == "fail"
    assert "gone" not in response.content.decode()  # no internals to the public


def test_with_a_broker_a_worker_must_have_reported_recently(broker: None, settings: Any) -> None:
    if not _redis_up():
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")
    _use_broker(REDIS)
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
        "broker": "ok",
        "worker": "fail",
    }
    photos_requeue_stuck_task()  # what a worker runs every minute (Celery beat)
    assert Client().get("/health/").status_code == 200
    settings.HIPDIP_WORKER_HEARTBEAT_SECONDS = 0
    assert Client().get("/health/").json()["checks"]["worker"] == "fail"


def test_a_hanging_broker_answers_503_within_seconds(broker: None) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    held: list[socket.socket] = []
    accepting = threading.Thread(target=lambda: held.append(server.accept()[0]), daemon=True)
    accepting.start()
    try:
        _use_broker(f"redis://127.0.0.1:{server.getsockname()[1]}/0")
        health.worker_heartbeat_record()
        started = time.monotonic()
        response = Client().get("/health/")
        assert time.monotonic() - started < 15
        assert response.status_code == 503
        assert response.json()["checks"]["broker"] == "fail"
    finally:
        for conn in held:
            conn.close()
        server.close()
