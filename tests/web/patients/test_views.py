"""Staff pages: the patient list with live search; self sign-up."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from hipdip.web.accounts.models import User
from hipdip.web.patients.models import Patient

from ..conftest import World
from ..factories import PASSWORD

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


def _sign_up(client: Client, email: str, password: str = "a-long-passphrase-9") -> Any:
    return client.post(
        "/accounts/signup/",
        {"full_name": "Nia New", "email": email, "password": password, "consent": "on"},
    )


def test_self_sign_up_is_confirmed_from_the_email_then_signs_the_person_in(
    db: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client, "nia@example.com")
    assert response.status_code == 302 and response["Location"] == "/accounts/signup/sent/"
    assert "_auth_user_id" not in client.session
    # Not usable until the owner of the mailbox confirms.
    assert not User.objects.get(email="nia@example.com").is_active
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nia@example.com"]
    link = re.search(r"http://testserver(/accounts/signup/confirm/\S+/)", mail.outbox[0].body)
    assert link is not None
    page = client.get(link.group(1))
    assert b"Confirm your password" in page.content
    wrong = client.post(link.group(1), {"password": "not-the-one-chosen"})
    assert b"not right" in wrong.content and "_auth_user_id" not in client.session
    done = client.post(link.group(1), {"password": "a-long-passphrase-9"}, follow=True)
    patient = Patient.objects.get(user__email="nia@example.com")
    assert done.redirect_chain[-1][0] == f"/patients/{patient.pk}/"
    assert b"take your first photos" in done.content
    assert patient.user.is_active
    # The link works once.
    assert Client().get(link.group(1)).status_code == 404


def test_sign_up_with_a_taken_email_looks_the_same_and_tells_the_holder(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        taken = _sign_up(Client(), world.patient.email.upper())
        new = _sign_up(Client(), "nobody-yet@example.com")
    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"])
    sent = Client().get(taken["Location"])
    assert b"Check your email" in sent.content
    # The holder hears about it (and nothing changed on their account).
    to_holder = [m for m in mail.outbox if m.to == [world.patient.email]]
    assert len(to_holder) == 1
    assert "already has an account" in to_holder[0].body
    assert "/accounts/password-reset/" in to_holder[0].body
    world.patient.refresh_from_db()
    assert world.patient.check_password(PASSWORD) and world.patient.is_active


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
