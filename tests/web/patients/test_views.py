"""Staff pages: the patient list with live search; self sign-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from hipdip.web.accounts.models import User
from hipdip.web.patients.models import Patient

from ..conftest import World

pytestmark = pytest.mark.django_db


def test_search_narrows_the_list_and_htmx_gets_only_the_table(
    world: World, web_client: Callable[..., Client]
) -> None:
    client = web_client(world.coordinator)
    full = client.get("/patients/", {"q": "olivia"})
    assert b"Olivia Own" in full.content and b"Oscar Other" not in full.content
    assert b"<html" in full.content
    partial = client.get(
        "/patients/", {"q": "oscar"}, headers={"HX-Request": "true", "HX-Target": "patient-table"}
    )
    assert b"<html" not in partial.content
    assert b"Oscar Other" in partial.content and b"Olivia Own" not in partial.content
    assert b"Fiona" not in client.get("/patients/", {"q": "fiona"}).content


def test_self_sign_up_signs_the_person_in(db: Any) -> None:
    client = Client()
    response = client.post(
        "/accounts/signup/",
        {
            "full_name": "Nia New",
            "email": "nia@example.com",
            "password": "a-long-passphrase-9",
            "consent": "on",
        },
        follow=True,
    )
    patient = Patient.objects.get(user__email="nia@example.com")
    assert response.redirect_chain[-1][0] == f"/patients/{patient.pk}/"
    assert b"take your first photos" in response.content


def test_sign_up_needs_consent_and_a_strong_password(db: Any) -> None:
    response = Client().post(
        "/accounts/signup/",
        {"full_name": "Nia", "email": "nia@example.com", "password": "password"},
    )
    assert response.status_code == 200
    assert b"This field is required" in response.content
    response = Client().post(
        "/accounts/signup/",
        {"full_name": "Nia", "email": "nia@example.com", "password": "password", "consent": "on"},
    )
    assert b"too common" in response.content or b"too short" in response.content
    assert not User.objects.filter(email="nia@example.com").exists()
