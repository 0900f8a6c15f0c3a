"""The clinic's settings: the page every staff member reads, and the admin where its admin
changes them."""

from __future__ import annotations

from typing import Any

import pytest

from hipdip.web.clinic.models import ClinicCareSettings
from hipdip.web.clinic.selectors import care_settings_for, default_timezone_for

from ..conftest import World

pytestmark = pytest.mark.django_db


def test_staff_read_every_clinical_number_with_its_source_and_the_clinics_own(
    world: World, web_client: Any
) -> None:
    ClinicCareSettings.objects.create(
        clinic=world.clinic_admin.clinic, overrides={"graft_retention_expected": 0.6}
    )
    page = web_client(world.coordinator).get("/clinic/clinical-settings/").content.decode()
    assert "Expected fat survival" in page and "Stop aspirin" in page
    assert "Gir, Rohrich" in page  # the retention range's source
    assert 'badge-brand">clinic<' in page  # the clinic's own 0.6
    assert web_client(world.patient).get("/clinic/clinical-settings/").status_code == 403


def test_a_clinic_admin_sets_alerts_and_zone_in_the_admin_but_not_clinical_values(
    world: World, web_client: Any
) -> None:
    client = web_client(world.clinic_admin)
    url = "/admin/clinic/cliniccaresettings/add/"
    assert client.get(url).status_code == 200
    bad = client.post(
        url,
        {
            "clinic": world.clinic_admin.clinic_id,
            "overrides": "{}",
            "alert_emails": "",
            "default_timezone": "Mars/Olympus",
        },
    )
    assert bad.status_code == 200 and "not a time zone we know" in bad.content.decode()
    good = client.post(
        url,
        {
            "clinic": world.clinic_admin.clinic_id,
            "overrides": '{"fever_c": 38.5}',
            "alert_emails": "oncall@example.com",
            "default_timezone": "Europe/London",
        },
    )
    assert good.status_code == 302
    row = ClinicCareSettings.objects.get()
    # Clinical values are changed on the settings page only (versioned and audited).
    assert row.overrides == {} and row.clinic == world.clinic_admin.clinic
    assert row.default_timezone == "Europe/London"


def test_a_clinic_without_settings_works_with_the_care_defaults(
    world: World, settings: Any
) -> None:
    settings.TIME_ZONE = "Europe/Berlin"
    clinic = world.clinic_admin.clinic
    assert care_settings_for(clinic).fever_c == care_settings_for(None).fever_c
    assert default_timezone_for(clinic) == "Europe/Berlin"
    ClinicCareSettings.objects.create(
        clinic=clinic, overrides={"fever_c": 38.5}, default_timezone="Asia/Tokyo"
    )
    assert care_settings_for(clinic).fever_c == 38.5
    assert default_timezone_for(clinic) == "Asia/Tokyo"
