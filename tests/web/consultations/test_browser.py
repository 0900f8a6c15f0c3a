"""A whole consultation in headless Chromium: a patient fills the questionnaire on a
phone (autosaved, a typo corrected, a reload in the middle), then a surgeon on a desktop
resolves a finding, edits the plan with live figures, saves and approves it.
Screenshots go to /tmp/shots (consult-*)."""

from __future__ import annotations

from typing import Any

import pytest

from hipdip.web.accounts.models import Role
from hipdip.web.consultations.models import IntakeStatus
from hipdip.web.consultations.selectors import intake_of
from hipdip.web.plans.models import PlanStatus, TreatmentPlan

from ..browsers import DESKTOP, PHONE, SHOTS, new_page, sign_in
from ..factories import ClinicFactory, PatientFactory, StaffFactory
from .helpers import measured_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page: Any, name: str) -> None:
    # caret="initial": hiding the caret makes Playwright leave style="" on every input,
    # which htmx would then copy during a swap (and the CSP rightly refuses).
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True, caret="initial")


def _settled(page: Any) -> None:
    """Wait until no autosave is in flight."""
    page.wait_for_function("() => !document.querySelector('form[data-intake].htmx-request')")


def _answer(page: Any, name: str, value: str) -> None:
    page.check(f"input[name={name}][value='{value}']")
    _settled(page)


def _type(page: Any, selector: str, text: str) -> None:
    page.fill(selector, text)
    page.press(selector, "Tab")  # leaving the field saves it
    _settled(page)


def test_a_patient_fills_the_intake_and_a_surgeon_approves_the_plan(
    live_server: Any, browser: Any
) -> None:
    clinic = ClinicFactory(name="Harbour Clinic")
    patient = PatientFactory(
        clinic=clinic, user__full_name="Ava Patel", user__email="ava@example.com"
    )
    StaffFactory(
        clinic=clinic, role=Role.SURGEON, email="surgeon@example.com", full_name="Dr Sam Okafor"
    )
    measured_session(patient, left=7.4, right=5.1)
    base = live_server.url

    # --- the patient, on a phone ---------------------------------------------------------
    page = new_page(browser, PHONE)
    sign_in(page, base, "ava@example.com")
    page.get_by_role("link", name="Consultation").first.click()
    page.wait_for_load_state("networkidle")
    _shot(page, "consult-phone-01-start")
    page.get_by_role("link", name="Start the questionnaire").click()
    page.wait_for_load_state("networkidle")

    page.fill("input[name=date_of_birth]", "1991-04-25")
    _answer(page, "sex", "female")
    _type(page, "input[name=height_cm]", "20")  # a typo: 20 cm
    error = page.locator("#err-height_cm")
    assert "between 100 and 250 cm" in error.inner_text()
    _shot(page, "consult-phone-02-typo")
    _type(page, "input[name=height_cm]", "168")
    assert error.inner_text() == ""
    _type(page, "input[name=weight_kg]", "63.5")
    _answer(page, "weight_trend", "stable")
    assert "Draft saved" in page.locator("#autosave-status").inner_text()

    page.reload()  # the answers so far survive a reload
    assert page.input_value("input[name=height_cm]") == "168"
    assert page.is_checked("input[name=sex][value=female]")

    _type(page, "textarea[name=goals]", "A smoother outline of my hips in fitted clothes.")
    _answer(page, "bothers_side", "both")
    _answer(page, "expectation", "moderate")
    _answer(page, "bleeding_disorder", "no")
    _answer(page, "diabetes", "none")
    _answer(page, "heart_lung_disease", "yes")
    assert page.locator("#q-heart_lung_details").is_visible()  # asked only after a yes
    _type(page, "textarea[name=heart_lung_details]", "Mild asthma, an inhaler twice a year.")
    _answer(page, "anaesthesia_problems", "no")
    _answer(page, "pregnancy", "no")
    page.check("input[name=no_known_allergies]")
    _settled(page)
    assert not page.locator("#q-allergies").is_visible()
    _type(page, "textarea[name=medications]", "Fish oil capsules\nIbuprofen 200 mg when needed")
    assert "Fish oil" in page.locator("#med-notes").inner_text()  # recognised as it is typed
    _answer(page, "nicotine", "none")
    _answer(page, "alcohol", "1-7")
    for n in range(1, 8):
        _answer(page, f"bi_{n}", "0")
    _shot(page, "consult-phone-03-filled")
    page.check("input[name=confirm_true]")
    page.check("input[name=consent_care]")
    _settled(page)
    page.get_by_role("button", name="Send answers").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Your answers").is_visible()
    _shot(page, "consult-phone-04-sent")
    assert not page.js_errors, page.js_errors
    intake = intake_of(patient)
    assert intake is not None and intake.status == IntakeStatus.SUBMITTED
    assert intake.answers["height_cm"] == 168.0

    # --- the surgeon, on a desktop -------------------------------------------------------
    desk = new_page(browser, DESKTOP)
    sign_in(desk, base, "surgeon@example.com")
    desk.goto(base + "/patients/")  # staff land on their home; the list has every patient
    desk.get_by_role("link", name="Ava Patel").click()
    desk.get_by_role("link", name="Consultation").first.click()
    desk.wait_for_load_state("networkidle")
    assert "Heart or lung disease reported" in desk.locator("#findings").inner_text()
    desk.get_by_text("Go ahead despite this finding").click()
    desk.fill("textarea[name=reason]", "Mild asthma, well controlled; GP letter on file.")
    desk.get_by_role("button", name="Record decision").click()
    desk.wait_for_load_state("networkidle")
    assert "Decided by the surgeon" in desk.locator("#findings").inner_text()
    _shot(desk, "consult-desk-01-consultation")

    desk.get_by_role("link", name="Treatment plan").first.click()
    desk.wait_for_load_state("networkidle")
    before = desk.locator("#plan-result tfoot").inner_text()
    desk.fill("input[name=planned_left_ml]", "90")
    desk.press("input[name=planned_left_ml]", "Tab")
    desk.wait_for_function(
        "before => document.querySelector('#plan-result tfoot').innerText !== before", arg=before
    )
    assert "surgeon's choice" in desk.locator("#plan-result").inner_text()
    desk.check("input[name=donor_sites][value=outer_thighs]")
    desk.get_by_role("button", name="Save plan").click()
    desk.wait_for_load_state("networkidle")
    assert "Plan saved." in desk.locator(".messages").inner_text()
    desk.get_by_role("link", name="Review and approve…").click()
    desk.wait_for_load_state("networkidle")
    assert "90 mL" in desk.locator("[data-approve-summary]").inner_text()  # what is approved
    _shot(desk, "consult-desk-02-confirm-approval")
    desk.get_by_role("button", name="Confirm approval").click()
    desk.wait_for_load_state("networkidle")
    assert "Approved by Dr Sam Okafor" in desk.locator(".approval").inner_text()
    _shot(desk, "consult-desk-02-approved")
    assert not desk.js_errors, desk.js_errors
    plan = TreatmentPlan.objects.get(patient=patient)
    assert plan.status == PlanStatus.APPROVED and plan.planned_left_ml == 90
    assert plan.approved_snapshot["sides"][0]["target_ml"] == 90.0  # type: ignore[index]

    # --- the patient reads the approved plan ----------------------------------------------
    page.goto(f"{base}/patients/{patient.pk}/plan/")
    assert page.get_by_role("heading", name="Your treatment plan").is_visible()
    assert "90" in page.locator(".side-tiles").inner_text()
    _shot(page, "consult-phone-05-plan")
