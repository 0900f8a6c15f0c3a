"""Background analysis: in-process without a broker, and through a real Celery worker on
the Redis at 127.0.0.1:6379."""

from __future__ import annotations

import datetime as dt
import io
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from hipdip.web.assessments.models import Photo, Status
from hipdip.web.assessments.services.sessions import photos_requeue_stuck
from hipdip.web.celery import app as celery_app

from ...conftest import FRONT_PHOTO
from ...factories import ClinicFactory, PatientFactory

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
REDIS_DB = 14  # kept apart from a development worker on database 0


def _upload(client: Client, patient_id: Any, data: bytes, height: float) -> Any:
    file = io.BytesIO(data)
    file.name = "front.jpg"
    return client.post(
        f"/api/patients/{patient_id}/photos",
        {"file": file, "view": "front", "height_cm": str(height), "purpose": "self_assessment"},
    )


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_analysis_runs_in_process_after_the_commit(
    api_client: Callable[..., Client],
) -> None:
    patient = PatientFactory(clinic=ClinicFactory())
    path, height = FRONT_PHOTO
    response = _upload(api_client(patient.user), patient.pk, path.read_bytes(), height)
    assert response.status_code == 201
    # No worker, no waiting: the photo was measured before the response went out.
    assert response.json()["status"] == "done"
    assert Photo.objects.get(pk=response.json()["id"]).status == Status.DONE


def _redis_available() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _require_redis() -> None:
    if not _redis_available():
        if os.environ.get("HIPDIP_REQUIRE_SERVICES"):
            pytest.fail("Redis is not reachable at 127.0.0.1:6379")
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")


@pytest.fixture
def redis_broker() -> Iterator[str]:
    """Point this process's Celery app at a Redis database of its own (not eager)."""
    _require_redis()
    url = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"
    queue = celery_app.conf.task_default_queue
    saved = {k: celery_app.conf[k] for k in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=url, task_always_eager=False)
    _reset_connections()
    _purge(queue)
    try:
        yield url
    finally:
        _purge(queue)
        celery_app.conf.update(saved)
        _reset_connections()


def _reset_connections() -> None:
    # Celery caches its connection and producer pools with the broker they were made for.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def _purge(queue: str) -> None:
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(queue)


def _database_url() -> str:
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def worker(redis_broker: str, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`hipdip worker` in a subprocess, on the test database and a private queue."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hipdip.web.settings.test",
        "CELERY_BROKER_URL": redis_broker,
        "DATABASE_URL": _database_url(),
    }
    log = (tmp_path / "worker.log").open("wb")
    hipdip = Path(sys.executable).with_name("hipdip")
    proc = subprocess.Popen(
        [str(hipdip), "worker", "--concurrency", "1", "--loglevel", "INFO"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_celery_worker_on_redis_analyses_an_upload(
    worker: subprocess.Popen[bytes], api_client: Callable[..., Client], tmp_path: Path
) -> None:
    patient = PatientFactory(clinic=ClinicFactory())
    client = api_client(patient.user)
    path, height = FRONT_PHOTO
    response = _upload(client, patient.pk, path.read_bytes(), height)
    assert response.status_code == 201
    assert response.json()["status"] == "pending"  # queued, not run here
    photo_id = response.json()["id"]
    deadline = time.monotonic() + 90
    status = "pending"
    while time.monotonic() < deadline and status == "pending":
        assert worker.poll() is None, (tmp_path / "worker.log").read_text()[-3000:]
        time.sleep(0.5)
        status = client.get(f"/api/photos/{photo_id}").json()["status"]
    log = (tmp_path / "worker.log").read_text()
    assert status == "done", log[-3000:]
    body = client.get(f"/api/photos/{photo_id}").json()
    assert body["assessment"]["ok"] is True
    assert "photos.analyse" in log


@pytest.fixture
def hanging_broker() -> Iterator[str]:
    """A 'Redis' that accepts connections and never answers; this process's Celery app
    publishes to it (not eager)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    url = f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    saved = {k: celery_app.conf[k] for k in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=url, task_always_eager=False)
    _reset_connections()
    try:
        yield url
    finally:
        stop.set()
        thread.join(timeout=5)
        for conn in held:
            conn.close()
        server.close()
        celery_app.conf.update(saved)
        _reset_connections()


@pytest.mark.django_db(transaction=True)
def test_an_upload_succeeds_when_the_broker_hangs_and_is_queued_once_it_is_back(
    hanging_broker: str, api_client: Callable[..., Client], settings: Any
) -> None:
    """Issue 14, finding 2: such an upload used to hold its request thread for minutes."""
    patient = PatientFactory(clinic=ClinicFactory())
    client = api_client(patient.user)
    path, height = FRONT_PHOTO
    answers: list[Any] = []

    def upload() -> None:
        try:
            answers.append(_upload(client, patient.pk, path.read_bytes(), height))
        finally:
            connection.close()

    started = time.monotonic()
    thread = threading.Thread(target=upload, daemon=True)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the upload is still waiting for the broker after 60 s"
    took = time.monotonic() - started
    assert answers[0].status_code == 201 and answers[0].json()["status"] == "pending"
    assert took < 4 * settings.HIPDIP_BROKER_TIMEOUT_SECONDS + 5, took
    photo = Photo.objects.get(pk=answers[0].json()["id"])
    assert photo.status == Status.PENDING and photo.started_at is None

    # The broker is back: the sweeper queues the photo once it is stale.
    _require_redis()
    queue = celery_app.conf.task_default_queue
    celery_app.conf.update(broker_url=f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}")
    _reset_connections()
    _purge(queue)
    Photo.objects.filter(pk=photo.pk).update(queued_at=photo.queued_at - dt.timedelta(hours=1))
    assert photos_requeue_stuck() == 1
    with celery_app.connection_for_write() as conn:
        assert conn.default_channel.client.llen(queue) == 1
    _purge(queue)
