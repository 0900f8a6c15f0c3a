"""Fixes from the clinic walkthrough: the account page names a patient's clinic, tokens are
for staff only, and an invitation's lifetime reads the same on the page and in the email."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from hipdip.web.accounts.models import ApiToken, User

from ..conftest import World
from ..factories import PASSWORD

pytestmark = pytest.mark.django_db

Web = Callable[[User | None], Client]


def test_a_clinic_patients_account_page_names_their_clinic(world: World, web_client: Web) -> None:
    body = web_client(world.patient).get("/accounts/account/").content.decode()
    assert "North Clinic" in body
    assert "None (self-assessment)" not in body


def test_a_self_signed_patients_account_page_says_they_have_no_clinic(
    world: World, web_client: Web
) -> None:
    body = web_client(world.self_signed).get("/accounts/account/").content.decode()
    assert "No clinic" in body and "None (self-assessment)" not in body


def test_patients_are_not_offered_api_tokens(world: World, web_client: Web) -> None:
    client = web_client(world.patient)
    assert "Create a token" not in client.get("/accounts/account/").content.decode()
    assert client.post("/accounts/account/", {"name": "mine"}).status_code == 403
    assert not ApiToken.objects.filter(user=world.patient).exists()


def test_staff_are_offered_api_tokens(world: World, web_client: Web) -> None:
    client = web_client(world.coordinator)
    assert "Create a token" in client.get("/accounts/account/").content.decode()
    assert client.post("/accounts/account/", {"name": "lab"}).status_code == 200
    assert ApiToken.objects.filter(user=world.coordinator).count() == 1


def test_a_patients_phone_app_still_gets_a_token_from_the_api(world: World) -> None:
    """Only the account page stops offering tokens to patients: the patient API
    (check-ins, bookings, messages) is used with one."""
    response = Client().post(
        "/api/auth/token",
        {"email": world.patient.email, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert ApiToken.objects.filter(user=world.patient).count() == 1


def test_the_invitation_page_and_email_give_one_lifetime(
    world: World, web_client: Web, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.HIPDIP_INVITATION_DAYS = 14
    with django_capture_on_commit_callbacks(execute=True):
        response = web_client(world.coordinator).post(
            "/patients/invite/", {"full_name": "Ivy Invited", "email": "ivy@example.com"}
        )
    body = response.content.decode()
    assert response.status_code == 200
    assert "It works once, for 14 days." in body
    assert "week" not in body
    assert "for 14 days)" in mail.outbox[-1].body
