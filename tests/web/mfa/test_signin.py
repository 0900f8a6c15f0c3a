"""Signing in with a second factor: after the password, nothing opens until a right code
(or a recovery code) is given; codes are not accepted twice; wrong codes are paused."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.audit.models import AuditEvent, Outcome
from hipdip.web.mfa.services.recovery import recovery_codes_generate

from .conftest import password_sign_in, totp_code, with_app

VERIFY = "/accounts/two-factor/verify/"


def test_password_alone_opens_nothing_for_staff_with_an_app(surgeon: User) -> None:
    with_app(surgeon)
    client = Client()
    signed_in = password_sign_in(client, surgeon, next_url="/patients/")
    assert signed_in.status_code == 302
    landing = client.get(signed_in["Location"])
    assert landing.status_code == 302 and landing["Location"].startswith(VERIFY)
    for path in ("/patients/", "/accounts/account/", "/clinic/clinical-settings/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY), path
    # Posting is refused the same way (no write before the second step).
    assert client.post("/accounts/account/", {"name": "x"})["Location"] == VERIFY
    assert client.get(VERIFY).status_code == 200


def test_right_code_verifies_the_session_and_goes_on(surgeon: User) -> None:
    device = with_app(surgeon)
    client = Client()
    password_sign_in(client, surgeon)
    before = client.session.session_key
    answer = client.post(VERIFY, {"code": totp_code(device), "next": "/patients/"})
    assert answer.status_code == 302 and answer["Location"] == "/patients/"
    assert client.session.session_key != before  # a new session key after the second step
    assert client.get("/patients/").status_code == 200
    event = AuditEvent.objects.get(action="mfa.verify")
    assert event.outcome == Outcome.OK and event.detail == {"method": "totp"}


def test_a_code_is_not_accepted_twice(surgeon: User) -> None:
    device = with_app(surgeon)
    code = totp_code(device)
    first = Client()
    password_sign_in(first, surgeon)
    assert first.post(VERIFY, {"code": code})["Location"] == "/dashboard/"
    # Someone who saw the code (over a shoulder, from a phishing page) cannot reuse it.
    second = Client()
    password_sign_in(second, surgeon)
    replay = second.post(VERIFY, {"code": code})
    assert replay.status_code == 400
    assert "not right" in replay.content.decode()
    assert second.get("/patients/")["Location"].startswith(VERIFY)
    # The next code of the app works.
    assert second.post(VERIFY, {"code": totp_code(device, steps_ahead=1)}).status_code == 302


def test_a_recovery_code_works_once(surgeon: User) -> None:
    with_app(surgeon)
    codes = recovery_codes_generate(actor=Actor(surgeon, "web"), user=surgeon)
    client = Client()
    password_sign_in(client, surgeon)
    used = client.post(
        VERIFY, {"method": "recovery", "code": codes[3].upper(), "next": "/patients/"}
    )
    assert used.status_code == 302 and used["Location"] == "/patients/"
    assert AuditEvent.objects.filter(action="mfa.recovery_code_used").count() == 1
    again = Client()
    password_sign_in(again, surgeon)
    refused = again.post(VERIFY, {"method": "recovery", "code": codes[3]})
    assert refused.status_code == 400
    assert "used already" in refused.content.decode()
    assert again.post(VERIFY, {"method": "recovery", "code": codes[4]}).status_code == 302


def test_wrong_codes_are_paused_after_a_few(surgeon: User, settings: Any) -> None:
    settings.HIPDIP_MFA_FREE_FAILURES = 3
    device = with_app(surgeon)
    client = Client()
    password_sign_in(client, surgeon)
    statuses = [client.post(VERIFY, {"code": "000000"}).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 400]  # the fourth starts a pause
    paused = client.post(VERIFY, {"code": totp_code(device)})
    assert paused.status_code == 429
    assert "Too many wrong codes" in paused.content.decode()
    failed = AuditEvent.objects.filter(action="mfa.verify", outcome=Outcome.FAILED).count()
    denied = AuditEvent.objects.filter(action="mfa.verify", outcome=Outcome.DENIED).count()
    assert (failed, denied) == (4, 1)


def test_a_right_code_clears_the_count(surgeon: User, settings: Any) -> None:
    settings.HIPDIP_MFA_FREE_FAILURES = 2
    device = with_app(surgeon)
    client = Client()
    password_sign_in(client, surgeon)
    client.post(VERIFY, {"code": "000000"})
    client.post(VERIFY, {"code": "000000"})
    assert client.post(VERIFY, {"code": totp_code(device)}).status_code == 302
    other = Client()
    password_sign_in(other, surgeon)
    assert [other.post(VERIFY, {"code": "000000"}).status_code for _ in range(2)] == [400, 400]


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x"])
def test_next_never_leaves_the_site(surgeon: User, next_url: str) -> None:
    device = with_app(surgeon)
    client = Client()
    password_sign_in(client, surgeon)
    answer = client.post(VERIFY, {"code": totp_code(device), "next": next_url})
    assert answer["Location"] == "/dashboard/"
