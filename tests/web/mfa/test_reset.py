"""Resetting someone's two-step sign-in after they lost their phone and keys: a clinic admin
from the team page (their own clinic's staff, not themselves, after a confirmation), or an
operator with `hipdip manage mfa_reset EMAIL`. Factors, sessions and API tokens all end;
the clinic's policy decides whether they must set it up again at their next sign-in."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from hipdip.cli import main
from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import ApiToken, Role, User
from hipdip.web.accounts.services import api_token_create
from hipdip.web.audit.models import AuditEvent
from hipdip.web.mfa.models import (
    MfaPolicy,
    PasskeyDevice,
    RecoveryCode,
    RecoveryCodeDevice,
    Requirement,
)
from hipdip.web.mfa.services.recovery import recovery_codes_generate

from ..factories import ClinicFactory, PatientFactory, StaffFactory
from .conftest import password_sign_in, totp_code, with_app

SETUP = "/accounts/two-factor/"
VERIFY = "/accounts/two-factor/verify/"


def _policy(clinic: Any, requirement: Requirement) -> None:
    MfaPolicy.objects.update_or_create(clinic=clinic, defaults={"required_for": requirement})


def _verified(user: User, device: TOTPDevice) -> Client:
    """A browser that signed in with the password and a code from the app."""
    client = Client()
    password_sign_in(client, user)
    assert client.post(VERIFY, {"code": totp_code(device)}).status_code == 302
    assert client.get("/patients/").status_code == 200
    return client


def _everything(user: User) -> dict[str, Any]:
    """A person's factors and what they open, with the secrets a reset must not log."""
    app = with_app(user)
    PasskeyDevice.objects.create(
        user=user,
        name="Key",
        credential_id=b"cred-" + user.email.encode(),
        credential_id_b64="Y3JlZC1zZWNyZXQ" + str(user.pk),
        public_key=b"public-key",
    )
    codes = recovery_codes_generate(actor=Actor(user, "web"), user=user)
    _, token = api_token_create(actor=Actor(user, "web"), user=user)
    return {"app": app, "codes": codes, "token": token}


def _factors(user: User) -> int:
    return (
        TOTPDevice.objects.filter(user=user).count()
        + PasskeyDevice.objects.filter(user=user).count()
        + RecoveryCodeDevice.objects.filter(user=user).count()
    )


def _reset_url(user: User) -> str:
    return f"/clinic/two-factor/reset/{user.pk}/"


def test_a_clinic_admin_resets_a_surgeon_who_lost_their_phone(
    clinic: Any, surgeon: User, clinic_admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    _policy(clinic, Requirement.SURGEONS_AND_ADMINS)
    theirs = _everything(surgeon)
    surgeon_browser = _verified(surgeon, theirs["app"])
    admin = _verified(clinic_admin, with_app(clinic_admin))

    team = admin.get("/accounts/team/").content.decode()
    assert _reset_url(surgeon) in team and _reset_url(clinic_admin) not in team
    page = admin.get(_reset_url(surgeon))
    assert page.status_code == 200
    assert b"an authenticator app and 1 passkey" in page.content
    assert b"10 unused recovery codes" in page.content

    # The confirmation step: without the tick nothing happens.
    unticked = admin.post(_reset_url(surgeon), {})
    assert unticked.status_code == 400
    assert b"Tick the box" in unticked.content
    assert _factors(surgeon) == 3 and not AuditEvent.objects.filter(action="mfa.reset").exists()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = admin.post(_reset_url(surgeon), {"checked": "on"}, follow=True)
    assert done.redirect_chain == [("/accounts/team/", 302)]
    assert b"is reset and they are signed out everywhere" in done.content

    assert _factors(surgeon) == 0 and not RecoveryCode.objects.exists()
    # Their sessions and API tokens are over; the admin's own session goes on.
    assert surgeon_browser.get("/patients/")["Location"].startswith("/accounts/login/")
    assert not ApiToken.objects.filter(user=surgeon, revoked_at=None).exists()
    bearer = {"Authorization": f"Bearer {theirs['token']}"}
    assert Client().get("/api/me", headers=bearer).status_code == 401
    assert admin.get("/patients/").status_code == 200

    event = AuditEvent.objects.get(action="mfa.reset")
    assert (event.actor, event.object_id, event.channel) == (clinic_admin, str(surgeon.pk), "web")
    assert event.clinic_id == clinic.pk
    assert event.detail == {
        "authenticator_apps": 1,
        "passkeys": 1,
        "recovery_codes": 10,
        "sessions_ended": 1,
        "tokens_revoked": 1,
        "required": True,
    }
    trail = json.dumps(list(AuditEvent.objects.values()), default=str)
    secrets = [theirs["app"].key, theirs["token"], *theirs["codes"], "Y3JlZC1zZWNyZXQ"]
    assert not any(s in trail for s in secrets)
    # They are told, in plain words, with nothing that signs in.
    (notice,) = mail.outbox
    assert notice.to == [surgeon.email]
    assert "reset your two-step sign-in" in notice.body and "asked to set up" in notice.body
    assert not any(s in notice.body for s in secrets)

    # Their clinic requires it: after the password, setting it up again comes first.
    again = Client()
    assert password_sign_in(again, surgeon).status_code == 302
    assert again.get("/patients/")["Location"].startswith(SETUP)


def test_after_a_reset_someone_not_required_signs_in_with_the_password(
    clinic: Any, coordinator: User, clinic_admin: User
) -> None:
    _policy(clinic, Requirement.SURGEONS_AND_ADMINS)  # not coordinators
    with_app(coordinator)
    admin = _verified(clinic_admin, with_app(clinic_admin))
    page = admin.get(_reset_url(coordinator))
    assert b"can sign in with their password alone" in page.content
    assert admin.post(_reset_url(coordinator), {"checked": "on"}).status_code == 302
    assert _factors(coordinator) == 0
    assert AuditEvent.objects.get(action="mfa.reset").detail["required"] is False
    browser = Client()
    password_sign_in(browser, coordinator)
    assert browser.get("/patients/").status_code == 200


def test_another_clinics_staff_and_patients_are_not_found(clinic: Any, clinic_admin: User) -> None:
    elsewhere = StaffFactory(clinic=ClinicFactory(name="Hill Clinic"), role=Role.SURGEON)
    with_app(elsewhere)
    patient = PatientFactory(clinic=clinic).user
    admin = Client()
    admin.force_login(clinic_admin)  # the test settings require nobody
    for person in (elsewhere, patient):
        assert admin.get(_reset_url(person)).status_code == 404
        assert admin.post(_reset_url(person), {"checked": "on"}).status_code == 404
    assert admin.post("/clinic/two-factor/reset/999999/", {"checked": "on"}).status_code == 404
    assert _factors(elsewhere) == 1
    assert not AuditEvent.objects.filter(action="mfa.reset").exists()


def test_only_a_clinic_admin_resets_and_not_their_own(
    clinic: Any, surgeon: User, coordinator: User, clinic_admin: User
) -> None:
    with_app(surgeon)
    with_app(clinic_admin)
    patient = PatientFactory(clinic=clinic).user
    for person in (coordinator, patient):
        browser = Client()
        browser.force_login(person)
        assert browser.get(_reset_url(surgeon)).status_code == 403
        assert browser.post(_reset_url(surgeon), {"checked": "on"}).status_code == 403
    anonymous = Client().post(_reset_url(surgeon), {"checked": "on"})
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    # An admin's own factors are removed on their account page, with a code.
    admin = _verified(clinic_admin, TOTPDevice.objects.get(user=clinic_admin))
    assert admin.get(_reset_url(clinic_admin)).status_code == 403
    assert admin.post(_reset_url(clinic_admin), {"checked": "on"}).status_code == 403
    assert _factors(surgeon) == 1 and _factors(clinic_admin) == 1
    assert not AuditEvent.objects.filter(action="mfa.reset").exists()


def test_an_admin_with_a_factor_confirms_it_before_resetting_anyone(
    clinic: Any, surgeon: User, clinic_admin: User
) -> None:
    """A stolen password of an admin is not enough to strip someone else's factors."""
    with_app(surgeon)
    with_app(clinic_admin)
    browser = Client()
    password_sign_in(browser, clinic_admin)
    answer = browser.post(_reset_url(surgeon), {"checked": "on"})
    assert answer.status_code == 302 and answer["Location"].startswith(VERIFY)
    assert _factors(surgeon) == 1


# `manage` closes the database connections when it ends, as it would in a shell.
@pytest.mark.django_db(transaction=True)
def test_the_command_resets_by_email_and_says_what_it_did(
    clinic: Any, surgeon: User, coordinator: User, capsys: pytest.CaptureFixture[str]
) -> None:
    _policy(clinic, Requirement.ALL_STAFF)
    theirs = _everything(surgeon)
    browser = _verified(surgeon, theirs["app"])
    with_app(coordinator)
    mail.outbox.clear()
    assert main(["manage", "mfa_reset", "  Surgeon@Example.com "]) == 0
    out = capsys.readouterr().out
    assert "Two-step sign-in of surgeon@example.com (Lake Clinic) is reset" in out
    for line in (
        "authenticator apps removed: 1",
        "passkeys removed: 1",
        "unused recovery codes removed: 10",
        "sessions ended: 1",
        "API tokens revoked: 1",
        "they set it up again at their next sign-in",
    ):
        assert line in out, line
    assert _factors(surgeon) == 0 and _factors(coordinator) == 1
    assert browser.get("/patients/")["Location"].startswith("/accounts/login/")
    event = AuditEvent.objects.get(action="mfa.reset")
    assert (event.actor, event.channel, event.object_id) == (None, "cli", str(surgeon.pk))
    assert event.clinic_id == clinic.pk
    assert event.detail["passkeys"] == 1 and "operator" in event.detail
    assert not any(c in json.dumps(event.detail) for c in theirs["codes"])
    assert [m.to for m in mail.outbox] == [[surgeon.email]]


# `manage` closes the database connections when it ends, as it would in a shell.
@pytest.mark.django_db(transaction=True)
def test_the_command_refuses_an_unknown_email_and_changes_nothing(
    surgeon: User, capsys: pytest.CaptureFixture[str]
) -> None:
    with_app(surgeon)
    events = AuditEvent.objects.count()
    with pytest.raises(SystemExit) as stopped:
        main(["manage", "mfa_reset", "nobody@example.com"])
    assert stopped.value.code == 1
    captured = capsys.readouterr()
    assert "No account has the email nobody@example.com. Nothing was changed." in captured.err
    assert "is reset" not in captured.out
    assert _factors(surgeon) == 1 and AuditEvent.objects.count() == events


# `manage` closes the database connections when it ends, as it would in a shell.
@pytest.mark.django_db(transaction=True)
def test_the_command_refuses_a_patients_account(
    clinic: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    patient = PatientFactory(clinic=clinic).user
    browser = Client()
    browser.force_login(patient)
    with pytest.raises(SystemExit) as stopped:
        main(["manage", "mfa_reset", patient.email])
    assert stopped.value.code == 1
    assert "patients do not use two-step sign-in" in capsys.readouterr().err
    still = browser.get("/dashboard/", follow=True)
    assert still.status_code == 200 and not still.redirect_chain[-1][0].startswith("/accounts/")
    assert not AuditEvent.objects.filter(action="mfa.reset").exists()
