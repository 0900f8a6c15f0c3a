"""The passkey endpoints without a browser: options name this site and this person, a
challenge is used once, and a made-up answer is refused and audited."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from hipdip.web.accounts.models import User
from hipdip.web.audit.models import AuditEvent, Outcome
from hipdip.web.mfa.models import PasskeyDevice

from .conftest import password_sign_in, totp_code, with_app

BEGIN = "/accounts/two-factor/passkeys/begin/"
FINISH = "/accounts/two-factor/passkeys/finish/"


def _post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def test_registration_options_name_this_site_and_this_person(surgeon: User) -> None:
    client = Client()
    client.force_login(surgeon)
    options = _post(client, BEGIN).json()
    assert options["rp"]["id"] == "testserver"
    assert options["user"]["name"] == surgeon.email
    assert options["challenge"]
    assert options["excludeCredentials"] == []


def test_the_configured_relying_party_wins_over_the_host(surgeon: User, settings: Any) -> None:
    settings.HIPDIP_WEBAUTHN_RP_ID = "clinic.example"
    client = Client()
    client.force_login(surgeon)
    assert _post(client, BEGIN).json()["rp"]["id"] == "clinic.example"


def test_a_challenge_is_used_once(surgeon: User) -> None:
    client = Client()
    client.force_login(surgeon)
    assert _post(client, FINISH, {"credential": {}}).json()["error"]["code"] == "no_challenge"
    _post(client, BEGIN)
    first = _post(client, FINISH, {"credential": {"id": "x", "rawId": "x", "type": "public-key"}})
    assert first.status_code == 400 and first.json()["error"]["code"] == "invalid_passkey"
    again = _post(client, FINISH, {"credential": {"id": "x"}})
    assert again.json()["error"]["code"] == "no_challenge"
    assert not PasskeyDevice.objects.exists()
    failed = AuditEvent.objects.get(action="mfa.enrol")
    assert failed.outcome == Outcome.FAILED and failed.detail == {"method": "passkey"}


def test_signing_in_with_a_passkey_that_is_not_yours_is_refused(surgeon: User) -> None:
    device = with_app(surgeon)
    PasskeyDevice.objects.create(
        user=surgeon, name="Key", credential_id=b"abc", credential_id_b64="YWJj", public_key=b"k"
    )
    client = Client()
    password_sign_in(client, surgeon)
    options = _post(client, "/accounts/two-factor/verify/passkey/begin/").json()
    assert [c["id"] for c in options["allowCredentials"]] == ["YWJj"]
    answer = _post(
        client, "/accounts/two-factor/verify/passkey/finish/", {"credential": {"rawId": "ZZZ"}}
    )
    assert answer.status_code == 400
    assert client.get("/patients/")["Location"].startswith("/accounts/two-factor/verify/")
    assert AuditEvent.objects.filter(action="mfa.verify", outcome=Outcome.FAILED).count() == 1
    # The app still works for this session.
    client.post("/accounts/two-factor/verify/", {"code": totp_code(device)})
    assert client.get("/patients/").status_code == 200


def test_json_endpoints_need_the_csrf_token(surgeon: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(surgeon)
    assert _post(client, BEGIN).status_code == 403
