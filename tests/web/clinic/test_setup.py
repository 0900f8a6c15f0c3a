"""Setting a clinic up asks for its time zone (a real IANA zone, never a silent UTC) and
the details patients see: on the admin's set-up page, in ``hipdip manage clinic_create``
and in the Django admin's "add clinic" form."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from hipdip.web.accounts.models import Clinic, Invitation
from hipdip.web.audit.models import AuditEvent
from hipdip.web.clinic.models import ClinicCareSettings, ClinicProfile
from hipdip.web.clinic.selectors import default_timezone_for
from hipdip.web.clinic.setup import clinic_needs_setup, demo_clinic_zone

from ..conftest import World

pytestmark = pytest.mark.django_db


def test_an_admin_is_asked_for_the_zone_and_details_and_they_are_used(
    world: World, web_client: Any
) -> None:
    clinic = world.clinic_admin.clinic
    client = web_client(world.clinic_admin)
    assert clinic_needs_setup(clinic)
    settings_page = client.get("/clinic/clinical-settings/").content.decode()
    assert "Your clinic has no time zone yet" in settings_page
    page = client.get("/clinic/setup/").content.decode()
    assert "Set up your clinic" in page and 'list="timezone-names"' in page
    assert '<option value="Europe/London">' in page
    bad = client.post("/clinic/setup/", {"timezone": "Mars/Olympus", "public_name": "X"})
    assert bad.status_code == 422 and "not a time zone we know" in bad.content.decode()
    assert clinic_needs_setup(clinic)
    good = client.post(
        "/clinic/setup/",
        {
            "timezone": "America/New York",  # typed with a space
            "public_name": "Hudson Contours",
            "phone": "+1 212 555 0100",
            "emergency_phone": "+1 212 555 0199",
            "address": "1 Main St",
        },
    )
    assert good.status_code == 302
    assert default_timezone_for(clinic) == "America/New_York"
    profile = ClinicProfile.objects.get(clinic=clinic)
    assert (profile.public_name, profile.emergency_phone) == ("Hudson Contours", "+1 212 555 0199")
    assert not clinic_needs_setup(clinic)
    assert AuditEvent.objects.filter(action="clinic.setup").exists()


@pytest.mark.parametrize("who", ["coordinator", "surgeon", "patient"])
def test_only_admins_set_the_clinic_up(world: World, web_client: Any, who: str) -> None:
    client = web_client(getattr(world, who))
    assert client.post("/clinic/setup/", {"timezone": "Europe/Paris"}).status_code == 403
    assert not ClinicCareSettings.objects.exists()


def test_the_command_creates_a_clinic_with_its_zone_and_invites_its_admin() -> None:
    out = StringIO()
    call_command(
        "clinic_create",
        "--name=Harbour Clinic",
        "--timezone=Australia/Sydney",
        "--phone=+61 2 5550 1234",
        "--emergency-phone=+61 2 5550 9999",
        "--address=1 Harbour Rd",
        "--admin-email=boss@harbour.example",
        "--admin-name=Bea Boss",
        "--no-input",
        stdout=out,
    )
    clinic = Clinic.objects.get(slug="harbour-clinic")
    assert default_timezone_for(clinic) == "Australia/Sydney"
    assert ClinicProfile.objects.get(clinic=clinic).emergency_phone == "+61 2 5550 9999"
    assert Invitation.objects.filter(clinic=clinic, user__email="boss@harbour.example").exists()
    assert "/accounts/invitation/" in out.getvalue()


def test_the_command_refuses_a_missing_or_unknown_zone() -> None:
    with pytest.raises(CommandError, match="--timezone is required"):
        call_command("clinic_create", "--name=No Zone", "--no-input")
    with pytest.raises(CommandError, match="not a time zone we know"):
        call_command("clinic_create", "--name=Bad Zone", "--timezone=UTC+1", "--no-input")
    assert not Clinic.objects.filter(name__in=["No Zone", "Bad Zone"]).exists()


def test_the_admins_add_clinic_form_asks_for_the_zone(admin_client: Any) -> None:
    form = admin_client.get("/admin/accounts/clinic/add/").content.decode()
    assert 'name="timezone"' in form and 'name="emergency_phone"' in form
    missing = admin_client.post("/admin/accounts/clinic/add/", {"name": "Nozone", "slug": "nz"})
    assert missing.status_code == 200 and not Clinic.objects.filter(slug="nz").exists()
    done = admin_client.post(
        "/admin/accounts/clinic/add/",
        {"name": "Lisbon Body", "slug": "lisbon", "timezone": "Europe/Lisbon", "phone": ""},
    )
    assert done.status_code == 302
    assert default_timezone_for(Clinic.objects.get(slug="lisbon")) == "Europe/Lisbon"


def test_the_demo_clinic_gets_a_real_zone_and_a_chosen_one_is_kept(world: World) -> None:
    clinic = world.clinic_admin.clinic
    ClinicCareSettings.objects.create(clinic=clinic, default_timezone="UTC")
    demo_clinic_zone(clinic)
    assert default_timezone_for(clinic) == "Europe/London"
    ClinicCareSettings.objects.filter(clinic=clinic).update(default_timezone="Asia/Tokyo")
    demo_clinic_zone(clinic)
    assert default_timezone_for(clinic) == "Asia/Tokyo"
