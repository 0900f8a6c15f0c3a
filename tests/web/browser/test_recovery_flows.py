"""Real-browser flow of recovery and training: a patient on a phone sends a check-in that
needs the clinic today and logs a workout; a coordinator on a desktop acknowledges the
alert. Screenshots go to /tmp/shots like the other browser tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from hipdip.web.accounts.models import Role
from hipdip.web.recovery.models import CheckIn
from hipdip.web.training.models import WorkoutLog

from ..browsers import DESKTOP, PHONE, new_page, shot, sign_in
from ..factories import ClinicFactory, PatientFactory, StaffFactory
from ..recovery.factories import RecoveryCourseFactory, make_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_patient_checks_in_and_logs_a_workout_and_the_coordinator_acknowledges(
    live_server: Any,
    browser: Any,
) -> None:
    clinic = ClinicFactory(name="Harbour Clinic")
    patient = PatientFactory(
        clinic=clinic, user__full_name="Ada Lovelace", user__email="ada@example.com"
    )
    StaffFactory(clinic=clinic, role=Role.COORDINATOR, email="coord@example.com")
    procedure = timezone.localdate() - dt.timedelta(days=45)
    RecoveryCourseFactory(
        patient=patient,
        procedure_date=procedure,
        training_cleared_on=procedure + dt.timedelta(days=28),  # the surgeon's clearance
    )
    programme = make_programme(patient, goal="maintain_after_surgery")  # from two weeks ago
    base = live_server.url

    # --- the patient, on a phone -------------------------------------------------------
    page = new_page(browser, PHONE)
    sign_in(page, base, "ada@example.com")
    page.goto(f"{base}/patients/{patient.pk}/recovery/")
    assert page.get_by_role("heading", name="Day 45 of your recovery").is_visible()
    shot(page, "phone-care-0-recovery")
    page.get_by_role("link", name="Daily check-in").first.click()
    page.wait_for_load_state("networkidle")
    page.locator("label.pill", has_text="7").first.click()
    page.fill("input[name=temperature_c]", "38.6")
    page.get_by_label("Redness that is spreading").check()
    shot(page, "phone-care-1-checkin-form")
    page.get_by_role("button", name="Send check-in").click()
    page.wait_for_url("**/checkins/**")
    assert page.locator("#triage-result").get_attribute("data-level") == "urgent"
    assert page.get_by_role("heading", name="Call the clinic today").is_visible()
    shot(page, "phone-care-2-checkin-answer")
    checkin = CheckIn.objects.get()
    assert (checkin.pain, float(checkin.temperature_c or 0)) == (7, 38.6)

    page.goto(f"{base}/patients/{patient.pk}/training/")
    shot(page, "phone-care-3-training")
    page.locator(".session-row").last.click()  # the oldest recent session
    page.wait_for_load_state("networkidle")
    page.locator(".rpe-scale label.pill", has_text="6").first.click()
    page.fill("textarea[name=note]", "Felt good")
    page.get_by_role("button", name="Save workout").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Workout saved.").is_visible()
    shot(page, "phone-care-4-workout-logged")
    log = WorkoutLog.objects.get(programme=programme)
    assert (log.rpe, log.note, log.revision) == (6, "Felt good", 1)
    assert not page.js_errors, page.js_errors

    # --- the coordinator, on a desktop ---------------------------------------------------
    desk = new_page(browser, DESKTOP)
    sign_in(desk, base, "coord@example.com")
    desk.get_by_role("link", name="Check-ins (1)").click()
    desk.wait_for_load_state("networkidle")
    row = desk.locator(".triage-row").first
    assert row.get_attribute("data-level") == "urgent"
    shot(desk, "desk-care-0-checkins")
    row.get_by_role("button", name="Acknowledge").click()
    desk.wait_for_load_state("networkidle")
    checkin.refresh_from_db()
    assert checkin.acknowledged_at is not None
    assert desk.get_by_text("All caught up").is_visible()
    shot(desk, "desk-care-1-checkins-acknowledged")
    assert not desk.js_errors, desk.js_errors
