"""The OpenAPI schema lists the 4xx answers each operation can give, in the one error shape
(issue 14, finding 8), and the answers the API really gives are among them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import pytest
from django.test import Client

from .conftest import World

pytestmark = pytest.mark.django_db

UNSAFE = {"post", "put", "patch", "delete"}


@pytest.fixture
def schema(db: Any) -> dict[str, Any]:
    return cast("dict[str, Any]", Client().get("/api/openapi.json").json())


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
        if method in UNSAFE | {"get"}
    ]


def test_every_operation_documents_its_4xx_answers_in_the_error_shape(
    schema: dict[str, Any],
) -> None:
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]["error"]["properties"]) == {"code", "message", "details"}
    for path, method, op in _operations(schema):
        codes = set(op["responses"])
        where = f"{method.upper()} {path}: {sorted(codes)}"
        if op.get("security"):
            assert {"401", "403"} <= codes, where
        if "{" in path:
            assert "404" in codes, where
        if op.get("parameters") or op.get("requestBody"):
            assert "422" in codes, where
        if op.get("requestBody"):
            assert "400" in codes, where
        for code in codes:
            if code.startswith("4"):
                content = op["responses"][code]["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/Error"}, where


def _documented(schema: dict[str, Any], method: str, path: str, status: int) -> bool:
    return str(status) in schema["paths"][path][method]["responses"]


def test_the_errors_the_api_gives_are_documented(
    world: World, schema: dict[str, Any], api_client: Callable[..., Client], settings: Any
) -> None:
    settings.HIPDIP_LOGIN_MAX_FAILURES = 1  # the wrong password below pauses the next try
    staff = api_client(world.coordinator)
    anonymous = Client()
    pid = world.own.patient.pk
    cases = [
        (anonymous.get("/api/patients"), "get", "/api/patients"),
        (staff.get("/api/patients", {"limit": 0}), "get", "/api/patients"),
        (staff.get("/api/patients/nope"), "get", "/api/patients/{patient_id}"),
        (
            staff.get(f"/api/patients/{world.foreign.patient.pk}"),
            "get",
            "/api/patients/{patient_id}",
        ),
        (
            staff.post(f"/api/patients/{pid}/photos", "{", content_type="application/json"),
            "post",
            "/api/patients/{patient_id}/photos",
        ),
        (
            anonymous.post(
                "/api/auth/token",
                {"email": world.patient.email, "password": "wrong"},
                content_type="application/json",
            ),
            "post",
            "/api/auth/token",
        ),
    ]
    for response, method, path in cases:
        assert 400 <= response.status_code < 500, (path, response.status_code)
        assert _documented(schema, method, path, response.status_code), (
            method,
            path,
            response.status_code,
        )
    throttled = anonymous.post(
        "/api/auth/token",
        {"email": world.patient.email, "password": "wrong again"},
        content_type="application/json",
    )
    assert throttled.status_code == 429
    assert _documented(schema, "post", "/api/auth/token", 429)
