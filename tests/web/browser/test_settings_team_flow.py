"""Real-browser flow of a clinic admin: set the clinic up (time zone from a searchable
list), change a clinical setting, undo it from the settings page, restore it from the
history, and deactivate a colleague from the team page. Screenshots go to /tmp/shots."""

from __future__ import annotations

from typing import Any

import pytest

from hipdip.web.accounts.models import Role, User
from hipdip.web.clinic.selectors import care_settings_for, default_timezone_for

from ..browsers import DESKTOP, PHONE, new_page, shot, sign_in
from ..factories import ClinicFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_sets_up_changes_and_undoes_a_setting_and_manages_the_team(
    live_server: Any, browser: Any
) -> None:
    clinic = ClinicFactory(name="Harbour Clinic")
    StaffFactory(clinic=clinic, role=Role.CLINIC_ADMIN, email="ada@example.com", full_name="Ada")
    surgeon = StaffFactory(
        clinic=clinic, role=Role.SURGEON, email="sam@example.com", full_name="Sam Surgeon"
    )
    base = live_server.url
    page = new_page(browser, DESKTOP)
    sign_in(page, base, "ada@example.com")

    # Set-up: the zone is typed into a searchable list.
    page.goto(base + "/clinic/setup/")
    assert page.get_by_role("heading", name="Set up your clinic").is_visible()
    page.fill("input[name=timezone]", "Europe/Lond")
    assert page.locator("datalist#timezone-names option[value='Europe/London']").count() == 1
    page.fill("input[name=timezone]", "Europe/London")
    page.fill("input[name=emergency_phone]", "+44 20 7946 0999")
    shot(page, "desktop-settings-01-setup")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    assert default_timezone_for(clinic) == "Europe/London"

    # Change the fever threshold, with a bad value first.
    page.goto(base + "/clinic/clinical-settings/")
    page.fill("input[name=fever_c]", "45")
    page.get_by_test_id("save").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Use a value between 37.5 and 39.5 °C").is_visible()
    shot(page, "desktop-settings-02-invalid")
    page.fill("input[name=fever_c]", "38.5")
    page.get_by_test_id("save").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Saved: 1 setting changed").is_visible()
    assert care_settings_for(clinic).fever_c == 38.5
    shot(page, "desktop-settings-03-saved")

    # Undo it, then bring it back from the history.
    page.get_by_test_id("undo").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("The last change is undone.").is_visible()
    assert care_settings_for(clinic).fever_c == 38.0
    page.get_by_role("link", name="History").click()
    page.wait_for_load_state("networkidle")
    shot(page, "desktop-settings-04-history")
    page.locator("tr", has_text="Fever from: 38 °C → 38.5 °C").get_by_role(
        "button", name="Restore this version"
    ).click()
    page.wait_for_load_state("networkidle")
    assert care_settings_for(clinic).fever_c == 38.5

    # The team: deactivate a colleague (after confirming).
    page.goto(base + "/accounts/team/")
    page.once("dialog", lambda d: d.accept())
    page.locator("tr", has_text="Sam Surgeon").get_by_role("button", name="Deactivate").click()
    page.wait_for_load_state("networkidle")
    assert not User.objects.get(pk=surgeon.pk).is_active
    shot(page, "desktop-settings-05-team")
    assert [e for e in page.js_errors if "422" not in e] == []  # the bad value answers 422

    phone = new_page(browser, PHONE)
    sign_in(phone, base, "ada@example.com")
    phone.goto(base + "/clinic/clinical-settings/")
    shot(phone, "phone-settings-01-form")
    assert phone.js_errors == []
