"""Setting up an authenticator app: a QR code and the secret, active only after a first
right code; ten recovery codes shown once and stored as hashes."""

from __future__ import annotations

import base64
from typing import Any

from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from hipdip.web.accounts.models import User
from hipdip.web.audit.models import AuditEvent, Outcome
from hipdip.web.mfa.codes import recovery_code_hash
from hipdip.web.mfa.models import RecoveryCode
from hipdip.web.mfa.views._common import NEW_CODES_KEY

from .conftest import totp_code


def _start(client: Client) -> tuple[Any, TOTPDevice]:
    page = client.get("/accounts/two-factor/app/")
    assert page.status_code == 200
    return page, TOTPDevice.objects.get(confirmed=False)


def test_app_page_shows_a_qr_code_and_the_secret_for_typing(surgeon: User) -> None:
    client = Client()
    client.force_login(surgeon)
    page, device = _start(client)
    html = page.content.decode()
    assert "<svg" in html and 'class="segno"' in html
    secret = base64.b32encode(device.bin_key).decode()
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html
    # Drawing the page again keeps the same secret (the phone may have scanned it already).
    assert client.get("/accounts/two-factor/app/").status_code == 200
    assert TOTPDevice.objects.filter(user=surgeon).count() == 1


def test_app_is_active_only_after_a_right_first_code(surgeon: User) -> None:
    client = Client()
    client.force_login(surgeon)
    _, device = _start(client)
    wrong = client.post("/accounts/two-factor/app/", {"code": "000000"})
    assert wrong.status_code == 200 and "That code is not right" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    right = client.post("/accounts/two-factor/app/", {"code": totp_code(device)})
    assert right.status_code == 302 and right["Location"] == "/accounts/two-factor/recovery-codes/"
    device.refresh_from_db()
    assert device.confirmed
    events = AuditEvent.objects.filter(action="mfa.enrol").order_by("pk")
    assert [(e.outcome, e.detail["method"]) for e in events] == [
        (Outcome.FAILED, "totp"),
        (Outcome.OK, "totp"),
    ]
    # The session that set it up counts as having done the second step.
    assert client.get("/patients/").status_code == 200


def test_recovery_codes_are_shown_once_and_stored_as_hashes(surgeon: User) -> None:
    client = Client()
    client.force_login(surgeon)
    _, device = _start(client)
    client.post("/accounts/two-factor/app/", {"code": totp_code(device)})
    page = client.get("/accounts/two-factor/recovery-codes/")
    codes = [
        line.split("<code>")[1].split("</code>")[0]
        for line in page.content.decode().split("<li>")
        if "<code>" in line
    ]
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert stored == {recovery_code_hash(c) for c in codes}
    assert not any(c.replace("-", "") in h for c in codes for h in stored)
    again = client.get("/accounts/two-factor/recovery-codes/")
    assert again.status_code == 302 and codes[0] not in again.content.decode()
    assert NEW_CODES_KEY not in client.session


def test_new_recovery_codes_replace_the_old_ones(surgeon: User) -> None:
    client = Client()
    client.force_login(surgeon)
    _, device = _start(client)
    client.post("/accounts/two-factor/app/", {"code": totp_code(device)})
    client.get("/accounts/two-factor/recovery-codes/")
    old = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert client.post("/accounts/two-factor/recovery-codes/new/").status_code == 302
    client.get("/accounts/two-factor/recovery-codes/")
    new = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert len(new) == 10 and not (old & new)
    assert AuditEvent.objects.filter(action="mfa.recovery_codes_generated").count() == 2


def test_patients_cannot_open_the_setup_pages(world: Any) -> None:
    client = Client()
    client.force_login(world.patient)
    assert client.get("/accounts/two-factor/").status_code == 403
    assert client.get("/accounts/two-factor/app/").status_code == 403
