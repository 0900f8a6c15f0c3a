"""Malformed requests get a clear error in the one JSON shape, never a server error."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from hipdip.web.assessments.models import PhotoSession

from .conftest import World, jpeg_bytes

pytestmark = pytest.mark.django_db


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code
    return body["error"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ('{"email": "a@example.com", "password": ', "application/json"),
        ("\x00\xff\xfe", "application/json"),
        ("[]", "application/json"),
        ('"just a string"', "application/json"),
        ("email=a&password=b", "application/x-www-form-urlencoded"),
    ],
    ids=["broken", "truncated", "binary", "array", "string", "form-encoded"],
)
def test_bad_json_bodies_are_client_errors(body: str, content_type: str) -> None:
    response = Client().post("/api/auth/token", body, content_type=content_type)
    assert response.status_code in (400, 422)
    assert_error(response, response.status_code)


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"email": "a@example.com"},
        {"email": 5, "password": ["x"]},
        {"email": "a" * 300, "password": "x"},
    ],
    ids=["empty", "missing-password", "wrong-types", "too-long"],
)
def test_wrong_fields_get_a_validation_error_with_details(payload: dict[str, Any]) -> None:
    response = Client().post("/api/auth/token", payload, content_type="application/json")
    error = assert_error(response, 422, "validation_error")
    assert isinstance(error["details"], list) and error["details"]
    assert {"location", "field", "message", "type"} <= set(error["details"][0])


def _upload(client: Client, patient_id: Any, **form: Any) -> Any:
    return client.post(f"/api/patients/{patient_id}/photos", form)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"view": "side", "height_cm": "170", "purpose": "consultation"}, "validation_error"),
        ({"view": "front", "height_cm": "tall", "purpose": "consultation"}, "validation_error"),
        ({"view": "front", "height_cm": "20", "purpose": "consultation"}, "validation_error"),
        ({"view": "front", "height_cm": "nan", "purpose": "consultation"}, "validation_error"),
        ({"view": "front", "height_cm": "170", "purpose": "fun"}, "validation_error"),
        ({"view": "front", "height_cm": "170", "purpose": "post_op"}, "invalid"),
        (
            {"view": "front", "height_cm": "170", "purpose": "post_op", "post_op_week": "-1"},
            "validation_error",
        ),
        (
            {"view": "front", "height_cm": "170", "purpose": "consultation", "weight_kg": "900"},
            "validation_error",
        ),
        (
            {
                "view": "front",
                "height_cm": "170",
                "purpose": "consultation",
                "taken_on": "2999-01-01",
            },
            "invalid",
        ),
        (
            {"view": "front", "height_cm": "170", "purpose": "consultation", "session_id": "nope"},
            "validation_error",
        ),
    ],
    ids=[
        "view",
        "height-text",
        "height-20",
        "height-nan",
        "purpose",
        "post-op-no-week",
        "week-negative",
        "weight-900",
        "future-date",
        "session-id",
    ],
)
def test_wrong_upload_fields_are_refused_and_nothing_is_stored(
    world: World, api_client: Callable[..., Client], fields: dict[str, Any], code: str
) -> None:
    before = PhotoSession.objects.count()
    file = io.BytesIO(jpeg_bytes())
    file.name = "a.jpg"
    response = _upload(api_client(world.coordinator), world.own.patient.pk, file=file, **fields)
    assert response.status_code in (400, 422)
    assert_error(response, response.status_code, code)
    assert PhotoSession.objects.count() == before


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b"%PDF-1.4 not a photo", "unsupported_format"),
        (jpeg_bytes()[:300], "corrupt_image"),
        (jpeg_bytes(size=(30, 30)), "image_too_small"),
    ],
    ids=["empty", "pdf", "truncated", "tiny"],
)
def test_bad_image_files_are_refused_with_the_analysers_reason(
    world: World, api_client: Callable[..., Client], data: bytes, code: str
) -> None:
    file = io.BytesIO(data)
    file.name = "photo.jpg"
    response = _upload(
        api_client(world.patient),
        world.own.patient.pk,
        file=file,
        view="front",
        height_cm="170",
        purpose="progress",
    )
    assert_error(response, 400, code)


def test_a_missing_file_is_a_validation_error(
    world: World, api_client: Callable[..., Client]
) -> None:
    response = _upload(
        api_client(world.patient),
        world.own.patient.pk,
        view="front",
        height_cm="170",
        purpose="progress",
    )
    assert_error(response, 422, "validation_error")


def test_a_decompression_bomb_is_refused(world: World, api_client: Callable[..., Client]) -> None:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (20_000, 20_000)).save(buf, format="PNG", optimize=True)
    assert len(buf.getvalue()) < 2_000_000  # tiny file, huge picture
    file = io.BytesIO(buf.getvalue())
    file.name = "bomb.png"
    response = _upload(
        api_client(world.patient),
        world.own.patient.pk,
        file=file,
        view="front",
        height_cm="170",
        purpose="progress",
    )
    assert_error(response, 400, "image_too_large")


def test_an_oversized_photo_is_refused(
    world: World, api_client: Callable[..., Client], settings: Any
) -> None:
    settings.HIPDIP_MAX_UPLOAD_BYTES = 50_000
    file = io.BytesIO(b"\xff\xd8" + b"\x00" * 60_000)
    file.name = "big.jpg"
    response = _upload(
        api_client(world.patient),
        world.own.patient.pk,
        file=file,
        view="front",
        height_cm="170",
        purpose="progress",
    )
    assert_error(response, 400, "image_too_large")


def test_a_request_declaring_a_huge_body_is_refused_unread(
    world: World, api_client: Callable[..., Client], settings: Any
) -> None:
    settings.HIPDIP_MAX_REQUEST_BYTES = 1000
    client = api_client(world.patient)
    file = io.BytesIO(jpeg_bytes())
    file.name = "a.jpg"
    response = _upload(
        client, world.own.patient.pk, file=file, view="front", height_cm="170", purpose="progress"
    )
    assert_error(response, 413, "payload_too_large")


@pytest.mark.parametrize(
    "body",
    [
        b'--xyz\r\nContent-Disposition: form-data; name="view"\r\n\r\nfront',  # no end
        b"garbage without any boundary",
        b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n'
        b"Content-Type: image/jpeg\r\n\r\n\xff\xd8\xff\r\n--xyz--\r\n",
    ],
    ids=["unterminated", "garbage", "only-a-file"],
)
def test_broken_multipart_bodies_are_client_errors(
    world: World, api_client: Callable[..., Client], body: bytes
) -> None:
    response = api_client(world.patient).generic(
        "POST",
        f"/api/patients/{world.own.patient.pk}/photos",
        body,
        content_type="multipart/form-data; boundary=xyz",
    )
    assert response.status_code in (400, 422)
    assert_error(response, response.status_code)


def test_a_multipart_body_without_a_boundary_is_a_client_error(
    world: World, api_client: Callable[..., Client]
) -> None:
    response = api_client(world.patient).generic(
        "POST",
        f"/api/patients/{world.own.patient.pk}/photos",
        b"abc",
        content_type="multipart/form-data",
    )
    assert response.status_code in (400, 422)
    assert_error(response, response.status_code)


@pytest.mark.parametrize(
    "path",
    [
        "/api/patients/{uuid}",
        "/api/patients/not-a-uuid",
        "/api/patients/1",
        "/api/patients/{uuid}/photos",
        "/api/photos/{uuid}",
        "/api/photos/%00",
        "/api/photos/{uuid}/image",
        "/api/photos/{uuid}/overlay",
        "/api/photos/'%20OR%201=1",
        "/api/nothing-here",
        "/api/",
    ],
)
def test_unknown_or_malformed_ids_are_not_found(
    world: World, api_client: Callable[..., Client], path: str
) -> None:
    response = api_client(world.coordinator).get(path.replace("{uuid}", str(uuid.uuid4())))
    assert_error(response, 404, "not_found")


def test_a_wrong_method_is_reported_in_the_error_shape(
    world: World, api_client: Callable[..., Client]
) -> None:
    response = api_client(world.coordinator).put("/api/me")
    assert_error(response, 405, "method_not_allowed")


@pytest.mark.parametrize(
    "header",
    [
        "",
        "Bearer",
        "Bearer ",
        "Bearer hd_unknown",
        "Basic dXNlcjpwYXNz",
        "Token abc",
        "Bearer " + "x" * 5000,
    ],
    ids=["empty", "bare", "blank", "unknown", "basic", "token-scheme", "huge"],
)
def test_missing_or_bad_credentials_are_unauthorised(db: Any, header: str) -> None:
    client = Client(headers={"Authorization": header} if header else {})
    assert_error(client.get("/api/me"), 401, "not_authenticated")
    assert_error(client.get("/api/patients"), 401, "not_authenticated")


def test_query_parameters_of_the_wrong_type_are_validation_errors(
    world: World, api_client: Callable[..., Client]
) -> None:
    client = api_client(world.coordinator)
    assert_error(client.get("/api/patients", {"limit": "many"}), 422, "validation_error")
    assert_error(client.get("/api/patients", {"offset": "-5"}), 422, "validation_error")
    long_search = client.get("/api/patients", {"search": "x" * 10_000})
    assert long_search.status_code == 200
