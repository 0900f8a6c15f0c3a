"""Removing a factor takes a current code; the last one takes the recovery codes along."""

from __future__ import annotations

from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.audit.models import AuditEvent
from hipdip.web.mfa.models import RecoveryCodeDevice
from hipdip.web.mfa.services.recovery import recovery_codes_generate

from .conftest import password_sign_in, totp_code, with_app


def _verified(user: User, device: TOTPDevice) -> Client:
    client = Client()
    password_sign_in(client, user)
    client.post("/accounts/two-factor/verify/", {"code": totp_code(device)})
    return client


def test_removing_the_app_needs_a_current_code(surgeon: User) -> None:
    device = with_app(surgeon)
    recovery_codes_generate(actor=Actor(surgeon, "web"), user=surgeon)
    client = _verified(surgeon, device)
    url = f"/accounts/two-factor/remove/app/{device.pk}/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"method": "totp", "code": "123456"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    removed = client.post(url, {"method": "totp", "code": totp_code(device, steps_ahead=1)})
    assert removed.status_code == 302
    assert not TOTPDevice.objects.filter(user=surgeon).exists()
    # It was the only factor: the recovery codes open nothing any more.
    assert not RecoveryCodeDevice.objects.filter(user=surgeon).exists()
    assert AuditEvent.objects.filter(action="mfa.device_remove").count() == 1


def test_a_password_alone_cannot_add_or_remove_factors(surgeon: User) -> None:
    device = with_app(surgeon)
    client = Client()
    password_sign_in(client, surgeon)
    verify = "/accounts/two-factor/verify/"
    for path in (
        "/accounts/two-factor/",
        "/accounts/two-factor/app/",
        f"/accounts/two-factor/remove/app/{device.pk}/",
    ):
        assert client.get(path)["Location"].startswith(verify), path
    assert client.post("/accounts/two-factor/recovery-codes/new/")["Location"].startswith(verify)
    assert client.post("/accounts/two-factor/passkeys/begin/")["Location"].startswith(verify)


def test_nobody_removes_another_persons_factor(surgeon: User, coordinator: User) -> None:
    theirs = with_app(coordinator)
    client = _verified(surgeon, with_app(surgeon))
    assert client.get(f"/accounts/two-factor/remove/app/{theirs.pk}/").status_code == 404
