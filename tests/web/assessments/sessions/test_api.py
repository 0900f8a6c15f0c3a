"""API: uploading photos, reading results and the picture bytes."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zlib
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from PIL import Image

from hipdip.web.assessments.models import Photo, Status

from ...conftest import FRONT_PHOTO, World, jpeg_bytes

pytestmark = pytest.mark.django_db


def _upload(client: Client, patient_id: Any, data: bytes, **fields: Any) -> Any:
    form = {"view": "front", "height_cm": "170", "purpose": "consultation"}
    form.update(fields)
    form["file"] = io.BytesIO(data)
    form["file"].name = "photo.jpg"
    return client.post(f"/api/patients/{patient_id}/photos", form)


def test_upload_then_poll_until_done_with_the_cli_assessment(
    world: World, api_client: Callable[..., Client], django_capture_on_commit_callbacks: Any
) -> None:
    client = api_client(world.patient)
    path, height = FRONT_PHOTO
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(
            client,
            world.own.patient.pk,
            path.read_bytes(),
            height_cm=str(height),
            purpose="self_assessment",
        )
    assert response.status_code == 201, response.content
    created = response.json()
    assert set(created) == {"id", "status", "session_id"}
    body = client.get(f"/api/photos/{created['id']}").json()
    assert body["status"] == "done"
    assert body["error"] is None
    assessment = body["assessment"]
    assert set(assessment) == {
        "image",
        "ok",
        "error",
        "view",
        "height_cm",
        "mm_per_px",
        "sides",
        "warnings",
        "timing_ms",
    }
    assert assessment["ok"] is True and assessment["view"] == "front"
    assert assessment["height_cm"] == pytest.approx(height, abs=0.05)
    for url in (body["image_url"], body["overlay_url"]):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert "no-store" in response["Cache-Control"]
        data = b"".join(response.streaming_content)
        assert Image.open(io.BytesIO(data)).format == "JPEG"


def test_a_pending_photo_has_no_assessment_yet(
    world: World, api_client: Callable[..., Client]
) -> None:
    client = api_client(world.coordinator)
    response = _upload(client, world.own.patient.pk, jpeg_bytes())  # on_commit not run: pending
    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    body = client.get(f"/api/photos/{response.json()['id']}").json()
    assert body["status"] == "pending"
    assert body["assessment"] is None and body["overlay_url"] is None
    assert client.get(f"/api/photos/{body['id']}/overlay").status_code == 404


def test_a_failed_photo_reports_its_reason(world: World, api_client: Callable[..., Client]) -> None:
    body = api_client(world.patient).get(f"/api/photos/{world.own.failed.pk}").json()
    assert body["status"] == "failed"
    assert body["error"] == {"code": "no_person", "message": "No person was found in the photo."}
    assert body["assessment"] is None


def test_the_back_photo_goes_into_the_same_session(
    world: World,
    api_client: Callable[..., Client],
    fake_analysis: list[str],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = api_client(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        first = _upload(client, world.other.patient.pk, jpeg_bytes()).json()
        second = _upload(
            client,
            world.other.patient.pk,
            jpeg_bytes(),
            view="back",
            session_id=first["session_id"],
        )
    assert second.status_code == 201
    assert second.json()["session_id"] == first["session_id"]
    again = _upload(
        client, world.other.patient.pk, jpeg_bytes(), view="back", session_id=first["session_id"]
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "view_taken"


def test_a_session_of_another_patient_cannot_be_used(
    world: World, api_client: Callable[..., Client]
) -> None:
    response = _upload(
        api_client(world.coordinator),
        world.own.patient.pk,
        jpeg_bytes(),
        view="back",
        session_id=str(world.other.session.pk),
    )
    assert response.status_code == 404


def test_photos_of_a_patient_are_listed_newest_first(
    world: World, api_client: Callable[..., Client]
) -> None:
    rows = api_client(world.surgeon).get(f"/api/patients/{world.own.patient.pk}/photos").json()
    assert [r["view"] for r in rows] == ["front", "back"]
    assert {r["status"] for r in rows} == {"done", "failed"}
    assert rows[0]["assessment"]["sides"]["left"]["depth_mm"] == 7.4


def test_retrying_a_failed_photo_through_the_api(
    world: World,
    api_client: Callable[..., Client],
    fake_analysis: list[str],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = api_client(world.patient)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/photos/{world.own.failed.pk}/retry")
    assert response.status_code == 202
    assert Photo.objects.get(pk=world.own.failed.pk).status == Status.DONE
    again = client.post(f"/api/photos/{world.own.failed.pk}/retry")
    assert again.status_code == 409


def test_the_api_is_documented(db: Any) -> None:
    schema = Client().get("/api/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/auth/token",
        "/api/me",
        "/api/patients",
        "/api/patients/{patient_id}",
        "/api/patients/{patient_id}/photos",
        "/api/photos/{photo_id}",
        "/api/photos/{photo_id}/image",
        "/api/photos/{photo_id}/overlay",
    ):
        assert path in paths, path
    docs = Client().get("/api/docs")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()


def _png_bomb(width: int, height: int) -> bytes:
    """A real 16-bit greyscale PNG of black pixels: ~117 KB for 7,745 x 7,745."""
    row = b"\0" * (1 + width * 2)
    squash = zlib.compressobj(9)
    idat = b"".join(squash.compress(row) for _ in range(height)) + squash.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    ihdr = struct.pack(">IIBBBBB", width, height, 16, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_a_tiny_png_that_decodes_to_gigabytes_is_refused_without_decoding_it(
    world: World, api_client: Callable[..., Client]
) -> None:
    """Issue 14, finding 1: the upload used to add 1.45 GB to the web worker."""
    bomb = _png_bomb(7745, 7745)
    client = api_client(world.patient)
    tracemalloc.start()
    try:
        response = _upload(client, world.own.patient.pk, bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "image_too_large"
    assert peak < 50 * 1024 * 1024


def test_the_decode_budget_is_a_setting(
    world: World, api_client: Callable[..., Client], settings: Any
) -> None:
    settings.HIPDIP_MAX_DECODED_MB = 4  # a 600 x 900 JPEG needs ~3.2 MB, an 800 x 1200 PNG ~6.7
    response = _upload(api_client(world.patient), world.own.patient.pk, jpeg_bytes((600, 900)))
    assert response.status_code == 201
    buf = io.BytesIO()
    Image.new("RGB", (800, 1200), (180, 160, 150)).save(buf, format="PNG")
    response = _upload(api_client(world.patient), world.own.patient.pk, buf.getvalue())
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "image_too_large"
