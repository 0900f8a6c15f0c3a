"""Media on S3-compatible storage (django-storages) against a real S3-speaking server started
here (moto's server mode on 127.0.0.1): a photo uploaded through the API lands in the
bucket, private; the authorised views read it back; /health/ checks the bucket; erasing the
patient deletes the objects."""

from __future__ import annotations

import io
import os
import secrets
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from django.core.files.storage import storages
from django.test import Client
from moto.server import ThreadedMotoServer

from hipdip.web.accounts.models import Role, User
from hipdip.web.settings import base

from .conftest import jpeg_bytes
from .factories import PatientFactory, StaffFactory

HIPDIP = str(Path(sys.executable).with_name("hipdip"))
BUCKET = "hipdip-test-media"
PREFIX = "clinic-a"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """A moto S3 server on a free local port, for this module."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3(s3_endpoint: str, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The default storage on a fresh bucket, configured by the environment variables of
    `hipdip.web.settings.base.storages_from_env` exactly as a deployment would set them."""
    for var, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "HIPDIP_S3_BUCKET": BUCKET,
        "HIPDIP_S3_ENDPOINT_URL": s3_endpoint,
        "HIPDIP_S3_REGION": "us-east-1",
        "HIPDIP_S3_PREFIX": PREFIX,
    }.items():
        monkeypatch.setenv(var, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    configured = base.storages_from_env()
    assert configured["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    settings.STORAGES = {**settings.STORAGES, "default": configured["default"]}
    yield client
    for obj in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=obj["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _keys(client: Any) -> set[str]:
    return {o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


@pytest.mark.django_db
def test_photos_live_in_the_bucket_and_leave_only_through_the_authorised_views(
    s3: Any,
    api_client: Callable[[User | None], Client],
    fake_analysis: list[str],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from storages.backends.s3 import S3Storage

    assert isinstance(storages["default"], S3Storage)
    patient = PatientFactory(user__full_name="Stella Storage")
    admin = StaffFactory(clinic=patient.clinic, role=Role.CLINIC_ADMIN)
    foreign = StaffFactory(role=Role.SURGEON)
    data = jpeg_bytes((300, 450))
    form: dict[str, Any] = {"view": "front", "height_cm": "170", "purpose": "consultation"}
    form["file"] = io.BytesIO(data)
    form["file"].name = "photo.jpg"
    client = api_client(patient.user)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(f"/api/patients/{patient.pk}/photos", form)
    assert created.status_code == 201, created.content
    photo_id = created.json()["id"]
    assert client.get(f"/api/photos/{photo_id}").json()["status"] == "done"

    keys = _keys(s3)
    assert len(keys) == 2  # the photo and its overlay
    assert all(
        k.startswith(f"{PREFIX}/photos/") or k.startswith(f"{PREFIX}/overlays/") for k in keys
    )
    image_key = next(k for k in keys if "/photos/" in k)
    stored = s3.get_object(Bucket=BUCKET, Key=image_key)["Body"].read()
    assert stored[:2] == b"\xff\xd8"  # re-encoded JPEG
    # Private: no public grant on the object.
    grants = s3.get_object_acl(Bucket=BUCKET, Key=image_key)["Grants"]
    assert not any("AllUsers" in str(g.get("Grantee", {})) for g in grants)

    # Read back through the authorised view, the same bytes; others are refused.
    shown = client.get(f"/api/photos/{photo_id}/image")
    assert shown.status_code == 200
    assert b"".join(shown.streaming_content) == stored
    assert "no-store" in shown["Cache-Control"]
    overlay = client.get(f"/api/photos/{photo_id}/overlay")
    assert overlay.status_code == 200
    assert b"".join(overlay.streaming_content)[:2] == b"\xff\xd8"
    assert api_client(foreign).get(f"/api/photos/{photo_id}/image").status_code == 404

    # The health check writes and deletes a probe object in the bucket.
    health = Client().get("/health/")
    assert health.json()["checks"]["storage"] == "ok"
    assert _keys(s3) == keys

    # Erasing the patient deletes their objects from the bucket (after the commit).
    with django_capture_on_commit_callbacks(execute=True):
        erased = api_client(admin).post(
            f"/api/patients/{patient.pk}/erasure",
            {"confirm": "Stella Storage"},
            content_type="application/json",
        )
    assert erased.status_code == 200, erased.content
    assert erased.json()["files"] == 2
    assert _keys(s3) == set()


def _hipdip(home: Path, env_extra: dict[str, str], *argv: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "HIPDIP_MEDIA_ROOT")
    }
    env.update(HIPDIP_HOME=str(home), HIPDIP_ENV_FILE="/nonexistent/.env", **env_extra)
    return subprocess.run(
        [HIPDIP, *argv], env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_backup_and_restore_with_media_on_s3(s3_endpoint: str, tmp_path: Path) -> None:
    """`hipdip backup` reads the media from the bucket and `hipdip restore` writes them into
    another (empty) one, byte for byte; a bucket that already holds files is refused."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    common = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "HIPDIP_S3_ENDPOINT_URL": s3_endpoint,
        "HIPDIP_S3_REGION": "us-east-1",
        "HIPDIP_S3_PREFIX": "hipdip",
    }
    source_env = {**common, "HIPDIP_S3_BUCKET": "backup-source"}
    copy_env = {**common, "HIPDIP_S3_BUCKET": "backup-copy"}
    for bucket in ("backup-source", "backup-copy"):
        client.create_bucket(Bucket=bucket)
    objects = {f"hipdip/photos/{secrets.token_hex(8)}.jpg": os.urandom(5000 + i) for i in range(3)}
    objects["hipdip/overlays/a.jpg"] = os.urandom(2 * 1024 * 1024 + 7)  # more than one chunk
    for key, body in objects.items():
        client.put_object(Bucket="backup-source", Key=key, Body=body)

    source, copy, archive = tmp_path / "source", tmp_path / "copy", tmp_path / "b.tar"
    assert _hipdip(source, source_env, "manage", "migrate", "-v0").returncode == 0
    made = _hipdip(source, source_env, "backup", str(archive))
    assert made.returncode == 0, made.stderr
    assert "4 media files" in made.stdout
    restored = _hipdip(copy, copy_env, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr

    def bucket(name: str) -> dict[str, bytes]:
        listing = client.list_objects_v2(Bucket=name).get("Contents", [])
        return {
            o["Key"]: client.get_object(Bucket=name, Key=o["Key"])["Body"].read() for o in listing
        }

    assert bucket("backup-copy") == objects
    # The copy's bucket is no longer empty: a second restore (into a new database) is refused.
    again = _hipdip(tmp_path / "third", copy_env, "restore", str(archive))
    assert again.returncode == 2
    assert "media storage already holds 4 files" in again.stderr
