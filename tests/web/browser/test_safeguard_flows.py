"""Real-browser flows of the clinical safeguards (issue 13): a surgeon records a procedure
that needs an override (sees the list, gives a reason, saves, sees the decision on the
record), and re-confirms an approved plan after new measurements."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from hipdip.web.accounts.models import Role
from hipdip.web.plans.models import PlanEventKind, ProcedureOverride, TreatmentPlan

from ..browsers import DESKTOP, new_page, shot, sign_in
from ..consultations.helpers import approved_plan, measured_session, submitted_intake
from ..factories import ClinicFactory, PatientFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world() -> Any:
    clinic = ClinicFactory(name="Harbour Clinic")
    patient = PatientFactory(clinic=clinic, user__full_name="Vera Vale")
    surgeon = StaffFactory(
        clinic=clinic, role=Role.SURGEON, email="surgeon@example.com", full_name="Dr Ada Stone"
    )
    measured_session(patient, left=7.4, right=5.1)
    submitted_intake(patient, patient.user, nicotine="current")
    return patient, surgeon


def test_a_surgeon_records_a_procedure_that_needs_an_override(
    live_server: Any, browser: Any
) -> None:
    patient, surgeon = _world()
    planned = timezone.localdate() + dt.timedelta(days=35)
    approved_plan(patient, surgeon, surgery_date=planned)
    base = live_server.url
    page = new_page(browser, DESKTOP, http_errors=False)
    sign_in(page, base, "surgeon@example.com")
    page.goto(f"{base}/patients/{patient.pk}/procedure/")
    assert page.input_value("input[name=performed_on]") == planned.isoformat()
    # the procedure was in fact done today, five weeks early
    page.fill("input[name=performed_on]", timezone.localdate().isoformat())
    page.fill("input[name=harvest_abdomen]", "400")
    page.check("input[name=processing][value=decantation]")
    page.fill("input[name=injected_left_ml]", "60")
    page.select_option("select[name=plane_left]", "subcutaneous")
    page.fill("input[name=duration_min]", "120")
    page.check("input[name=complications][value=none]")
    page.get_by_role("button", name="Save the record").click()
    page.wait_for_load_state("networkidle")
    step = page.locator("[data-override-step]")
    assert step.is_visible()
    text = step.inner_text()
    assert "Before the planned date" in text and "35 days before" in text
    assert "Pre-op checklist not complete" in text and "Current nicotine use" in text
    shot(page, "safeguards-01-override-step")
    for box in page.locator("input[name=override]").all():
        box.check()
    page.fill("#override-reason", "Theatre list moved; checklist and smoking discussed today.")
    page.get_by_role("button", name="Save the record").click()
    page.wait_for_load_state("networkidle")
    record = page.locator("[data-overrides]")
    assert record.is_visible()
    assert "Theatre list moved; checklist and smoking discussed today." in record.inner_text()
    assert "Dr Ada Stone" in record.inner_text()
    shot(page, "safeguards-02-record-with-overrides")
    assert ProcedureOverride.objects.filter(record__patient=patient).count() == 3
    # the refused first save answers 409, which the browser logs; nothing else went wrong
    assert [e for e in page.js_errors if "409" not in e] == []


def test_a_surgeon_reconfirms_a_plan_after_new_measurements(live_server: Any, browser: Any) -> None:
    patient, surgeon = _world()
    approved_plan(patient, surgeon, surgery_date=timezone.localdate() + dt.timedelta(days=20))
    session = measured_session(patient, left=10.6, right=3.0)
    session.taken_on = timezone.localdate()
    session.save()
    base = live_server.url
    page = new_page(browser, DESKTOP)
    sign_in(page, base, "surgeon@example.com")
    page.goto(f"{base}/patients/{patient.pk}/plan/")
    drift = page.locator("[data-drift]")
    assert drift.is_visible()
    assert page.locator("[data-plan-state]").inner_text() == "Needs re-confirmation"
    assert "+3.2 mm" in drift.inner_text()
    shot(page, "safeguards-03-plan-needs-reconfirmation")
    page.fill("#reconfirm-reason", "Arms raised in the new photos; examined in clinic, unchanged.")
    page.get_by_role("button", name="Keep the approved figures").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-drift]").count() == 0
    assert page.locator("[data-plan-state]").inner_text() == "Approved"
    assert "examined in clinic, unchanged" in page.locator(".history").inner_text()
    shot(page, "safeguards-04-plan-reconfirmed")
    plan = TreatmentPlan.objects.get(patient=patient)
    assert plan.events.filter(kind=PlanEventKind.RECONFIRMED).exists()
    assert not page.js_errors
