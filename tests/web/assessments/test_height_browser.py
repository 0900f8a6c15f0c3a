"""The height check and the one figure per side in headless Chromium: a coordinator sees a
session held back for its height, confirms it with a reason, and the consultation card then
shows its figures with the front and back they came from. Screenshots go to /tmp/shots
(height-*)."""

from __future__ import annotations

from typing import Any

import pytest

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role
from hipdip.web.patients.models import HeightSource
from hipdip.web.patients.services import height_record

from ..browsers import DESKTOP, PHONE, new_page, shot, sign_in
from ..factories import (
    ClinicFactory,
    PatientFactory,
    PhotoFactory,
    PhotoSessionFactory,
    StaffFactory,
    sample_assessment,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_confirms_a_held_back_session(live_server: Any, browser: Any) -> None:
    clinic = ClinicFactory(name="Harbour Clinic")
    patient = PatientFactory(
        clinic=clinic, user__full_name="Ava Patel", user__email="ava@example.com"
    )
    coordinator = StaffFactory(
        clinic=clinic, role=Role.COORDINATOR, email="cora@example.com", full_name="Cora Lind"
    )
    height_record(
        actor=Actor(coordinator, "web"), patient=patient, height_cm=180, source=HeightSource.INTAKE
    )
    session = PhotoSessionFactory(patient=patient, height_cm=196)
    PhotoFactory(session=session, view="front", assessment=sample_assessment("front", 10.6, 4.0))
    PhotoFactory(session=session, view="back", assessment=sample_assessment("back", 14.8, 6.0))
    base = live_server.url

    page = new_page(browser, DESKTOP)
    sign_in(page, base, "cora@example.com")
    page.goto(f"{base}/sessions/{session.pk}/")
    assert page.locator("#height-check[data-held-back=yes]").is_visible()
    shot(page, "height-session-flagged")
    page.goto(f"{base}/patients/{patient.pk}/consultation/")
    assert page.locator(".held-back").is_visible()
    shot(page, "height-consultation-held-back")

    page.goto(f"{base}/sessions/{session.pk}/")
    page.fill("#height-check input[name=reason]", "Measured at the clinic today: 196 cm")
    page.click("text=Confirm this session")
    page.wait_for_load_state("networkidle")
    assert page.locator("#height-check[data-held-back=no]").is_visible()
    shot(page, "height-session-confirmed")
    page.goto(f"{base}/patients/{patient.pk}/consultation/")
    assert "mean of front 10.6 and back 14.8 mm" in page.content()
    shot(page, "height-consultation-figures")
    assert not page.js_errors

    phone = new_page(browser, PHONE)
    sign_in(phone, base, "ava@example.com")
    phone.goto(f"{base}/accounts/account/")
    assert "Harbour Clinic" in phone.content() and "Create a token" not in phone.content()
    shot(phone, "height-account-patient")
    phone.goto(f"{base}/patients/{patient.pk}/")
    shot(phone, "height-patient-timeline")
