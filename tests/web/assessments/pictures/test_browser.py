"""A surgeon in headless Chromium: moves a mark (mouse, then a finger on a phone), saves,
reloads and finds it where it was left; moves the preview's fill slider; opens a
before/after comparison. Screenshots go to /tmp/shots (desktop 1366x900, phone 390x844)."""

from __future__ import annotations

from typing import Any

import pytest

from hipdip.web.accounts.models import Role
from hipdip.web.assessments.models import MarkingSet

from ...browsers import DESKTOP, PHONE, new_page, shot, sign_in
from ...factories import ClinicFactory, PatientFactory, StaffFactory
from .worlds import measured_pair

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _centre(page: Any, selector: str) -> tuple[float, float]:
    box = page.locator(selector).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def _saved_x(photo: Any, mark_id: str) -> float:
    marks = MarkingSet.objects.get(photo=photo).marks
    return float(next(m["x"] for m in marks if m["id"] == mark_id))


def test_a_surgeon_marks_previews_and_compares(live_server: Any, browser: Any) -> None:
    clinic = ClinicFactory(name="Harbour Clinic")
    patient = PatientFactory(clinic=clinic, user__full_name="Grace Hopper")
    StaffFactory(clinic=clinic, role=Role.SURGEON, email="dr@example.com", full_name="Dr Ines Ruiz")
    pair = measured_pair(patient)
    base = live_server.url
    editor_url = f"{base}/photos/{pair.before_photo.pk}/markings/"
    mark = "#mk-svg .mk[data-id='recipient-left'] .mk-line"

    # --- markings on a desktop: drag a mark with the mouse, save, reload --------------
    desk = new_page(browser, DESKTOP, http_errors=True)
    sign_in(desk, base, "dr@example.com")
    desk.goto(f"{base}/sessions/{pair.before.pk}/")
    desk.get_by_role("link", name="Markings", exact=True).click()
    desk.wait_for_url("**/markings/")
    desk.wait_for_selector("#marking-editor[data-ready='1']")
    assert desk.url == editor_url
    shot(desk, "desk-20-markings")

    cx_before = float(desk.locator(mark).get_attribute("cx"))
    x, y = _centre(desk, mark)
    desk.mouse.move(x, y)
    desk.mouse.down()
    desk.mouse.move(x + 30, y + 10, steps=6)
    desk.mouse.move(x + 60, y + 20, steps=6)
    desk.mouse.up()
    assert desk.locator("#marking-editor").get_attribute("data-state") == "dirty"
    cx_moved = float(desk.locator(mark).get_attribute("cx"))
    assert cx_moved > cx_before + 20
    shot(desk, "desk-21-markings-moved")

    desk.get_by_role("button", name="Save markings").click()
    desk.wait_for_selector("#marking-editor[data-state='saved'][data-version='1']")
    assert abs(_saved_x(pair.before_photo, "recipient-left") - cx_moved) < 0.2

    desk.reload()
    desk.wait_for_selector("#marking-editor[data-ready='1']")
    assert desk.locator("#marking-editor").get_attribute("data-state") == "saved"
    assert abs(float(desk.locator(mark).get_attribute("cx")) - cx_moved) < 0.2
    assert "version 1 by Dr Ines Ruiz" in desk.locator("#mk-status").inner_text()
    assert not desk.js_errors, desk.js_errors

    # --- the same on a phone, with a finger -------------------------------------------
    phone = new_page(browser, PHONE, touch=True, http_errors=True)
    sign_in(phone, base, "dr@example.com")
    phone.goto(editor_url)
    phone.wait_for_selector("#marking-editor[data-ready='1']")
    phone.get_by_role("button", name="L", exact=True).click()
    phone.locator("#mk-svg").scroll_into_view_if_needed()
    x, y = _centre(phone, mark)
    cdp = phone.context.new_cdp_session(phone)
    for kind, dx in (("touchStart", 0), ("touchMove", 10), ("touchMove", 25), ("touchEnd", 25)):
        points = [] if kind == "touchEnd" else [{"x": x + dx, "y": y}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})
    assert phone.locator("#marking-editor").get_attribute("data-state") == "dirty"
    phone.locator("#mk-save").click()
    phone.wait_for_selector("#marking-editor[data-state='saved'][data-version='2']")
    assert _saved_x(pair.before_photo, "recipient-left") > cx_moved + 5
    shot(phone, "phone-20-markings")
    assert not phone.js_errors, phone.js_errors

    # --- result preview: move the fill slider ----------------------------------------
    desk.goto(f"{base}/sessions/{pair.before.pk}/")
    desk.get_by_role("link", name="Result preview", exact=True).click()
    desk.wait_for_url("**/preview/")
    desk.wait_for_load_state("networkidle")
    assert desk.get_by_text("not a photograph and not a promise").is_visible()
    desk.locator("#pv-fill").fill("0.9")
    desk.wait_for_selector("#preview[data-shown*='fill=0.9']")
    assert desk.locator("#pv-out").inner_text() == "90 %"
    left = pair.before_photo.left_depth_mm
    simulated = desk.locator("tr[data-side=left] .pv-sim").inner_text()
    assert simulated == f"{0.1 * left:.1f}"
    assert desk.locator("#pv-image").evaluate("img => img.naturalWidth") > 100
    shot(desk, "desk-22-preview")
    phone.goto(f"{base}/photos/{pair.before_photo.pk}/preview/?fill=0.9")
    phone.wait_for_load_state("networkidle")
    shot(phone, "phone-21-preview")

    # --- before and after ----------------------------------------------------------------
    desk.goto(f"{base}/patients/{patient.pk}/")
    desk.get_by_role("link", name="Before and after").click()
    desk.wait_for_url("**/compare/")
    desk.wait_for_load_state("networkidle")
    change = desk.locator("#cmp-change [data-side=left]").inner_text()
    assert f"{pair.before_photo.left_depth_mm:.1f} mm" in change
    assert f"{pair.after_photo.left_depth_mm:.1f} mm" in change
    shot(desk, "desk-23-compare")
    desk.get_by_role("button", name="Slider").click()
    desk.locator("#cmp-range").fill("35")
    clip = desk.locator("#cmp-top").evaluate("img => img.style.clipPath")
    assert clip == "inset(0px 0px 0px 35%)"
    shot(desk, "desk-24-compare-slider")
    phone.goto(f"{base}/patients/{patient.pk}/compare/?region=hips")
    phone.wait_for_load_state("networkidle")
    shot(phone, "phone-22-compare")
    assert not desk.js_errors, desk.js_errors
    assert not phone.js_errors, phone.js_errors
