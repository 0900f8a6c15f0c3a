"""The clinic profile: edited by its admins, shown on the public site with tap-to-call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from hipdip.web.accounts.actor import Actor
from hipdip.web.clinic.models import ClinicProfile, tel_href
from hipdip.web.clinic.services import clinic_profile_save
from hipdip.web.core.errors import DomainError

from ..conftest import World

pytestmark = pytest.mark.django_db


def _post(world: World) -> dict[str, str]:
    return {
        "public_name": "Harbour Body Clinic",
        "address": "1 Quay Street\nBristol",
        "phone": "+44 117 496 0000",
        "emergency_phone": "+44 7700 900123",
        "opening_hours": "Mon-Fri 9:00-17:00\nSat 10:00-13:00",
        f"title_{world.surgeon.pk}": "Consultant plastic surgeon",
        f"bio_{world.surgeon.pk}": "Twelve years of body contouring.",
    }


def test_clinic_admin_edits_the_profile_shown_on_the_site(
    world: World, web_client: Callable[..., Client], settings: Any
) -> None:
    settings.HIPDIP_SITE_CLINIC = world.clinic_admin.clinic.slug
    admin = web_client(world.clinic_admin)
    assert admin.get("/clinic/profile/").status_code == 200
    response = admin.post("/clinic/profile/", _post(world))
    assert response.status_code == 302
    profile = ClinicProfile.objects.get(clinic=world.clinic_admin.clinic)
    assert profile.name == "Harbour Body Clinic"
    home = Client().get("/").content.decode()
    assert 'href="tel:+441174960000"' in home and "Harbour Body Clinic" in home
    assert 'href="tel:+447700900123"' in home and "Sat 10:00-13:00" in home
    contact = Client().get("/contact/").content.decode()
    assert "Consultant plastic surgeon" in contact and "Twelve years" in contact
    assert world.surgeon.full_name in contact


@pytest.mark.parametrize("role", ["coordinator", "surgeon", "patient", "foreign_staff"])
def test_only_the_clinics_admins_edit_the_profile(
    world: World, web_client: Callable[..., Client], role: str
) -> None:
    client = web_client(getattr(world, role))
    assert client.get("/clinic/profile/").status_code == 403
    assert client.post("/clinic/profile/", _post(world)).status_code == 403
    assert not ClinicProfile.objects.exists()


def test_bad_phone_numbers_and_bios_of_non_surgeons_are_refused(world: World) -> None:
    actor = Actor(user=world.clinic_admin, channel="web")
    fields = {
        "public_name": "",
        "address": "",
        "emergency_phone": "",
        "opening_hours": "",
    }
    with pytest.raises(DomainError):
        clinic_profile_save(actor=actor, phone="call me maybe", bios={}, **fields)
    with pytest.raises(DomainError):
        clinic_profile_save(
            actor=actor, phone="", bios={world.coordinator.pk: ("x", "y")}, **fields
        )
    with pytest.raises(PermissionDenied):
        clinic_profile_save(
            actor=Actor(user=world.coordinator, channel="web"), phone="", bios={}, **fields
        )
    assert not ClinicProfile.objects.exists()


def test_tel_links_keep_digits_and_a_leading_plus() -> None:
    assert tel_href("+44 (0)117 496-0000") == "tel:+4401174960000"
    assert tel_href("0117 496 0000") == "tel:01174960000"
    assert tel_href("") == ""
