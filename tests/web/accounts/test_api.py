"""API: tokens."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from hipdip.web.accounts.models import User
from hipdip.web.audit.models import AuditEvent

from ..conftest import World
from ..factories import PASSWORD

pytestmark = pytest.mark.django_db


def _token(client: Client, email: str, password: str) -> Any:
    return client.post(
        "/api/auth/token", {"email": email, "password": password}, content_type="application/json"
    )


def test_a_token_is_issued_for_the_right_password_and_works(world: World) -> None:
    client = Client()
    response = _token(client, world.coordinator.email, PASSWORD)
    assert response.status_code == 201
    body = response.json()
    assert body["token_type"] == "bearer" and body["token"].startswith("hd_")
    me = client.get("/api/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200
    assert me.json()["email"] == world.coordinator.email


def test_a_wrong_password_gets_no_token(world: World) -> None:
    response = _token(Client(), world.coordinator.email, "wrong")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_credentials"
    assert "token" not in response.json()


def test_the_token_endpoint_is_rate_limited(world: World, settings: Any) -> None:
    settings.HIPDIP_LOGIN_MAX_FAILURES = 3
    client = Client()
    for _ in range(3):
        _token(client, world.patient.email, "guess")
    response = _token(client, world.patient.email, PASSWORD)
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "too_many_attempts"


def test_deleting_the_token_signs_out(world: World, api_client: Callable[..., Client]) -> None:
    client = api_client(world.patient)
    assert client.delete("/api/auth/token").status_code == 204
    assert client.get("/api/me").status_code == 401
    assert AuditEvent.objects.filter(action="auth.token_revoke", actor=world.patient).exists()


def test_a_deactivated_user_is_locked_out_of_the_api(
    world: World, api_client: Callable[..., Client]
) -> None:
    client = api_client(world.coordinator)
    User.objects.filter(pk=world.coordinator.pk).update(is_active=False)
    response = client.get("/api/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_session_cookies_do_not_authenticate_the_api(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    assert client.get("/api/me").status_code == 401
