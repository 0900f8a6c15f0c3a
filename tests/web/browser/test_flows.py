"""Real-browser flows in headless Chromium (Debian's) against a live server.

A patient signs in on a phone, uploads a front and a back photo and sees the result; a
coordinator on a desktop finds that patient and the new measurement. Screenshots of every
step go to /tmp/shots (phone 390x844, desktop 1366x900) to be looked at.
"""

from __future__ import annotations

from typing import Any

import pytest

from hipdip.web.accounts.models import Role
from hipdip.web.assessments.models import Photo, Status

from ..browsers import DESKTOP, PHONE, new_page, shot, sign_in
from ..conftest import BACK_PHOTO, FRONT_PHOTO
from ..factories import ClinicFactory, PatientFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_patient_uploads_photos_and_coordinator_finds_the_measurement(
    live_server: Any, browser: Any
) -> None:
    clinic = ClinicFactory(name="Harbour Clinic")
    patient = PatientFactory(
        clinic=clinic, user__full_name="Grace Hopper", user__email="grace@example.com"
    )
    StaffFactory(
        clinic=clinic, role=Role.COORDINATOR, email="coord@example.com", full_name="Maya Chen"
    )
    base = live_server.url

    # --- the patient, on a phone -------------------------------------------------------
    page = new_page(browser, PHONE)
    page.goto(base + "/")
    shot(page, "phone-01-home")
    sign_in(page, base, "grace@example.com")
    assert page.url.endswith(f"/patients/{patient.pk}/")
    assert page.get_by_role("heading", name="My measurements").is_visible()
    shot(page, "phone-02-empty-record")

    page.get_by_role("link", name="Add photos").click()
    page.wait_for_load_state("networkidle")
    page.set_input_files("input[name=front]", str(FRONT_PHOTO[0]))
    page.set_input_files("input[name=back]", str(BACK_PHOTO[0]))
    page.fill("input[name=height_cm]", f"{FRONT_PHOTO[1]:.1f}")
    page.fill("input[name=weight_kg]", "64.5")
    assert page.locator(".upload-tile img.preview").count() == 2
    shot(page, "phone-03-upload")
    page.get_by_role("button", name="Upload and measure").click()
    page.wait_for_url("**/sessions/**")
    page.wait_for_selector("#results[data-state=settled]", timeout=60_000)
    for view in ("front", "back"):
        assert page.locator(f"#photo-{view}").get_attribute("data-status") == "done"
    assert page.locator("#photo-front .sides-table tbody tr").count() == 2
    # On a phone the overlay is the phone layout (both hips magnified, large type).
    page.wait_for_function(
        "() => { const i = document.querySelector('#photo-front img');"
        " return i && i.complete && i.naturalWidth > 0; }",
        timeout=30_000,
    )
    front_img = page.locator("#photo-front img")
    assert front_img.evaluate("img => img.currentSrc").endswith("/overlay/phone.jpg")
    assert front_img.evaluate("img => img.naturalWidth") == 720
    assert page.get_by_text("normal anatomy").first.is_visible()
    shot(page, "phone-04-result")
    page.get_by_role("button", name="Menu").click()
    shot(page, "phone-05-menu")
    assert not page.js_errors, page.js_errors

    front = Photo.objects.get(session__patient=patient, view="front")
    assert front.status == Status.DONE
    depth = f"{front.left_depth_mm:.1f}"

    # --- the coordinator, on a desktop ---------------------------------------------------
    desk = new_page(browser, DESKTOP)
    sign_in(desk, base, "coord@example.com")
    assert desk.url.endswith("/staff/")  # staff land on their home
    desk.get_by_role("link", name="Patients", exact=True).click()
    desk.wait_for_load_state("networkidle")
    desk.fill("#patient-search", "grace")
    desk.wait_for_function(
        "() => document.querySelectorAll('#patient-table tbody tr').length === 1"
    )
    shot(desk, "desk-01-patient-search")
    desk.get_by_role("link", name="Grace Hopper").click()
    desk.wait_for_load_state("networkidle")
    assert desk.locator(".timeline-item").count() == 1
    assert depth in desk.locator(".timeline").inner_text()
    assert desk.locator("svg.chart").count() == 2
    assert depth in desk.locator("[data-stat=left]").inner_text()
    shot(desk, "desk-02-patient")
    desk.locator(".timeline-card").first.click()
    desk.wait_for_load_state("networkidle")
    assert desk.locator("#photo-front[data-status=done]").count() == 1
    desk.wait_for_function(
        "() => { const i = document.querySelector('#photo-front img');"
        " return i && i.complete && i.naturalWidth > 0; }",
        timeout=30_000,
    )
    # A desktop screen gets the whole annotated photo with its side panel.
    assert desk.locator("#photo-front img").evaluate("img => img.currentSrc").endswith("/overlay/")
    shot(desk, "desk-03-session")
    assert not desk.js_errors, desk.js_errors


def test_the_result_page_updates_itself_when_the_analysis_finishes(
    live_server: Any, browser: Any
) -> None:
    from ..factories import PhotoFactory

    patient = PatientFactory(clinic=ClinicFactory(), user__email="wait@example.com")
    photo = PhotoFactory(session__patient=patient, status=Status.PENDING)
    page = new_page(browser, DESKTOP)
    sign_in(page, live_server.url, "wait@example.com")
    page.goto(f"{live_server.url}/sessions/{photo.session_id}/")
    assert page.locator("#photo-front").get_attribute("data-status") == "pending"
    shot(page, "desk-04-pending")

    from hipdip.web.assessments.services import analysis

    analysis.photo_analyse(photo_id=photo.pk)  # the worker finishes meanwhile
    page.wait_for_selector("#results[data-state=settled]", timeout=15_000)
    # The factory's stand-in picture is far too small to measure: the page now says why
    # and how to retake it, without a reload.
    assert page.locator("#photo-front").get_attribute("data-status") == "failed"
    assert "could not be measured" in page.locator("#photo-front").inner_text()
    shot(page, "desk-05-failed")
    assert not page.js_errors, page.js_errors


def test_public_pages_and_staff_pages_look_right_on_both_screens(
    live_server: Any, browser: Any
) -> None:
    clinic = ClinicFactory(name="Harbour Clinic")
    StaffFactory(
        clinic=clinic, role=Role.CLINIC_ADMIN, email="admin@example.com", full_name="Ruth Alvarez"
    )
    for viewport, label in ((PHONE, "phone"), (DESKTOP, "desk")):
        page = new_page(browser, viewport)
        for path, name in (("/guide/", "guide"), ("/accounts/signup/", "signup")):
            page.goto(live_server.url + path)
            shot(page, f"{label}-10-{name}")
        sign_in(page, live_server.url, "admin@example.com")
        for path, name in (
            ("/clinic/audit/", "audit"),
            ("/accounts/team/", "team"),
            ("/patients/invite/", "invite"),
        ):
            page.goto(live_server.url + path)
            shot(page, f"{label}-11-{name}")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{path} scrolls sideways on {label}"
        assert not page.js_errors, page.js_errors
