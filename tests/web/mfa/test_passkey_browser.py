"""Passkeys in a real browser: headless Chromium with a virtual authenticator (Chrome
DevTools Protocol, ``WebAuthn.addVirtualAuthenticator``) registers a passkey as a
surgeon's first factor, then signs in with it. Screenshots go to /tmp/shots."""

from __future__ import annotations

from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from hipdip.web.accounts.models import Role
from hipdip.web.audit.models import AuditEvent
from hipdip.web.mfa.models import MfaPolicy, PasskeyDevice, RecoveryCode, Requirement

from ..browsers import DESKTOP, new_page, shot, sign_in
from ..factories import ClinicFactory, StaffFactory
from .conftest import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _virtual_authenticator(page: Any) -> Any:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp


def test_surgeon_registers_a_passkey_and_signs_in_with_it(live_server: Any, browser: Any) -> None:
    clinic = ClinicFactory(name="Lake Clinic")
    MfaPolicy.objects.create(clinic=clinic, required_for=Requirement.SURGEONS_AND_ADMINS)
    surgeon = StaffFactory(
        clinic=clinic, role=Role.SURGEON, email="sara@example.com", full_name="Dr Sara Stone"
    )
    base = live_server.url
    assert base.startswith("http://localhost:")  # passkeys need a domain, not an address
    page = new_page(browser, DESKTOP, http_errors=True)
    _virtual_authenticator(page)

    # Required and without a factor: signing in leads to the setup page, and only there.
    sign_in(page, base, surgeon.email)
    assert "/accounts/two-factor/" in page.url
    assert page.get_by_text("Your clinic asks you to set this up").is_visible()
    shot(page, "desktop-mfa-01-required")
    page.goto(base + "/patients/")
    assert "/accounts/two-factor/" in page.url

    page.fill("#passkey-name", "Consulting room laptop")
    page.get_by_role("button", name="Add a passkey").click()
    page.wait_for_url("**/two-factor/recovery-codes/")
    assert page.locator("#recovery-codes li").count() == 10
    shot(page, "desktop-mfa-02-recovery-codes")
    key = PasskeyDevice.objects.get(user=surgeon)
    assert key.name == "Consulting room laptop" and key.confirmed
    assert RecoveryCode.objects.filter(device__user=surgeon).count() == 10
    page.get_by_role("link", name="I have saved them").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Consulting room laptop").is_visible()
    shot(page, "desktop-mfa-03-settings")

    # An authenticator app as well: the QR code page, confirmed with a real code.
    page.get_by_role("link", name="Set up an authenticator app").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".mfa-qr svg").is_visible()
    shot(page, "desktop-mfa-04-app-qr")
    device = TOTPDevice.objects.get(user=surgeon, confirmed=False)
    page.fill("input[name=code]", totp_code(device))
    page.get_by_role("button", name="Turn on").click()
    page.wait_for_load_state("networkidle")
    assert TOTPDevice.objects.get(pk=device.pk).confirmed

    # Sign out, sign in again: the passkey is the second step.
    page.locator("header").get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("networkidle")
    sign_in(page, base, surgeon.email)
    assert "/accounts/two-factor/verify/" in page.url
    shot(page, "desktop-mfa-05-verify")
    page.get_by_role("button", name="Use your passkey").click()
    page.wait_for_url(lambda url: "/accounts/two-factor/" not in url)
    page.wait_for_load_state("networkidle")
    page.goto(base + "/patients/")
    assert page.url.endswith("/patients/")
    assert AuditEvent.objects.filter(
        action="mfa.verify", actor=surgeon, detail__method="passkey"
    ).exists()
    assert PasskeyDevice.objects.get(pk=key.pk).last_used_at is not None
    assert page.js_errors == []


def test_a_passkey_made_for_another_origin_is_refused(
    live_server: Any, browser: Any, settings: Any
) -> None:
    settings.HIPDIP_WEBAUTHN_ORIGINS = ["https://clinic.example"]
    surgeon = StaffFactory(role=Role.SURGEON, email="sam@example.com")
    page = new_page(browser, DESKTOP)
    _virtual_authenticator(page)
    sign_in(page, live_server.url, surgeon.email)
    page.goto(live_server.url + "/accounts/two-factor/")
    page.get_by_role("button", name="Add a passkey").click()
    status = page.locator(".js-passkey-status")
    status.filter(has_text="could not be registered").wait_for()
    assert not PasskeyDevice.objects.exists()
    assert AuditEvent.objects.filter(action="mfa.enrol", outcome="failed").exists()


def test_clinic_admin_is_asked_to_choose_and_chooses_all_staff(
    live_server: Any, browser: Any
) -> None:
    clinic = ClinicFactory(name="Old Town Clinic")
    MfaPolicy.objects.create(clinic=clinic, required_for=Requirement.NOBODY)  # from before
    admin = StaffFactory(clinic=clinic, role=Role.CLINIC_ADMIN, email="ada@example.com")
    StaffFactory(clinic=clinic, role=Role.SURGEON, full_name="Dr Lee Park")
    page = new_page(browser, DESKTOP, http_errors=True)
    sign_in(page, live_server.url, admin.email)
    assert page.get_by_text("does not ask staff for a second sign-in step").is_visible()
    page.goto(live_server.url + "/accounts/team/")
    page.get_by_role("link", name="Two-step sign-in", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Dr Lee Park").is_visible()
    shot(page, "desktop-mfa-06-policy")
    page.get_by_label("All staff").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    assert MfaPolicy.objects.get(clinic=clinic).required_for == Requirement.ALL_STAFF
    page.goto(live_server.url + "/patients/")
    assert page.url.endswith("/accounts/two-factor/?next=%2Fpatients%2F")
    assert page.js_errors == []
