"""Real-browser flow of erasure: a clinic admin downloads a patient's data, then erases the
record after typing the patient's name (a wrong name first). Screenshots go to /tmp/shots."""

from __future__ import annotations

import zipfile
from typing import Any

import pytest

from hipdip.web.accounts.models import Role
from hipdip.web.patients.models import Patient

from ..browsers import DESKTOP, new_page, shot, sign_in
from ..conftest import make_record
from ..factories import ClinicFactory, PatientFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_downloads_then_erases_a_patient(live_server: Any, browser: Any) -> None:
    clinic = ClinicFactory(name="Harbour Clinic")
    patient = PatientFactory(clinic=clinic, user__full_name="Erin Erase")
    make_record(patient)
    StaffFactory(clinic=clinic, role=Role.CLINIC_ADMIN, email="admin@example.com")
    base = live_server.url

    page = new_page(browser, DESKTOP)
    sign_in(page, base, "admin@example.com")
    page.goto(f"{base}/patients/{patient.pk}/")
    page.get_by_role("link", name="Data and erasure").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Erase this patient").is_visible()
    shot(page, "desktop-privacy-01-page")

    with page.expect_download() as info:
        page.get_by_role("link", name="Download (.zip)").click()
    names = zipfile.ZipFile(info.value.path()).namelist()
    assert "manifest.json" in names and "fhir/bundle.json" in names

    page.fill("input[name=confirm]", "Erin")
    page.get_by_role("button", name="Erase for good").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("does not match").is_visible()
    shot(page, "desktop-privacy-02-wrong-name")
    assert Patient.objects.filter(pk=patient.pk).exists()

    page.fill("input[name=confirm]", "Erin Erase")
    page.get_by_role("button", name="Erase for good").click()
    page.wait_for_url("**/patients/")
    shot(page, "desktop-privacy-03-erased")
    assert not Patient.objects.filter(pk=patient.pk).exists()
