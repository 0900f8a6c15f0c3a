"""The clinic's policy: who is sent to set up a second step after signing in, and the
page where the clinic admin chooses."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role, User
from hipdip.web.audit.models import AuditEvent
from hipdip.web.mfa.middleware import _exempt
from hipdip.web.mfa.models import MfaPolicy, Requirement
from hipdip.web.mfa.services import mfa_policy_set

from ..factories import StaffFactory
from .conftest import with_app

SETUP = "/accounts/two-factor/"


def _set(clinic: Any, requirement: Requirement) -> None:
    MfaPolicy.objects.update_or_create(clinic=clinic, defaults={"required_for": requirement})


def _sent_to_setup(user: User) -> bool:
    client = Client()
    client.force_login(user)
    response = client.get("/dashboard/")
    return response.status_code == 302 and response["Location"].startswith(SETUP)


def test_new_clinics_require_it_of_surgeons_and_admins_by_default() -> None:
    from hipdip.web.settings import base

    assert base.HIPDIP_MFA_DEFAULT_POLICY == Requirement.SURGEONS_AND_ADMINS


@pytest.mark.parametrize(
    ("requirement", "sent"),
    [
        (Requirement.SURGEONS_AND_ADMINS, {"surgeon", "clinic_admin"}),
        (Requirement.ALL_STAFF, {"surgeon", "clinic_admin", "coordinator"}),
        (Requirement.NOBODY, set()),
    ],
)
def test_required_staff_without_a_factor_are_sent_to_set_one_up(
    world: Any, requirement: Requirement, sent: set[str]
) -> None:
    _set(world.surgeon.clinic, requirement)
    people = {
        "surgeon": world.surgeon,
        "clinic_admin": world.clinic_admin,
        "coordinator": world.coordinator,
        "patient": world.patient,
    }
    assert {name for name, user in people.items() if _sent_to_setup(user)} == sent


def test_a_clinic_without_a_choice_uses_the_default(world: Any, settings: Any) -> None:
    settings.HIPDIP_MFA_DEFAULT_POLICY = "surgeons_admins"
    assert _sent_to_setup(world.surgeon)
    assert not _sent_to_setup(world.coordinator)
    assert not _sent_to_setup(world.patient)
    assert not _sent_to_setup(world.self_signed)


def test_a_required_person_can_do_nothing_else_but_set_up_or_sign_out(world: Any) -> None:
    _set(world.surgeon.clinic, Requirement.ALL_STAFF)
    client = Client()
    client.force_login(world.coordinator)
    for path in ("/patients/", "/accounts/account/", f"/patients/{world.own.patient.pk}/"):
        assert client.get(path)["Location"].startswith(SETUP), path
    assert client.get(SETUP).status_code == 200
    assert client.get("/accounts/two-factor/app/").status_code == 200
    assert _exempt("/static/hipdip/app.css")  # WhiteNoise answers before it anyway
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/patients/")["Location"].startswith("/accounts/login/")


def test_once_set_up_the_person_goes_on(world: Any) -> None:
    _set(world.surgeon.clinic, Requirement.SURGEONS_AND_ADMINS)
    device = with_app(world.surgeon)
    client = Client()
    client.force_login(world.surgeon)
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.get("/patients/").status_code == 200


def test_clinic_admin_sets_the_policy(world: Any) -> None:
    client = Client()
    client.force_login(world.clinic_admin)
    page = client.get("/clinic/two-factor/")
    assert page.status_code == 200
    assert "Dr Sid Surgeon" in page.content.decode()
    saved = client.post("/clinic/two-factor/", {"required_for": "all_staff"})
    assert saved.status_code == 302
    policy = MfaPolicy.objects.get(clinic=world.clinic_admin.clinic)
    assert (policy.required_for, policy.chosen_by) == ("all_staff", world.clinic_admin)
    assert AuditEvent.objects.filter(action="mfa.policy_set").count() == 1
    # The admin has no factor yet: the next page asks them to set one up.
    assert client.get("/patients/")["Location"].startswith(SETUP)


def test_only_the_clinics_admin_sets_the_policy(world: Any) -> None:
    for user in (world.coordinator, world.surgeon, world.patient):
        client = Client()
        client.force_login(user)
        assert client.post("/clinic/two-factor/", {"required_for": "nobody"}).status_code == 403
    assert not MfaPolicy.objects.exists()


def test_an_unknown_choice_is_refused(world: Any) -> None:
    client = Client()
    client.force_login(world.clinic_admin)
    assert client.post("/clinic/two-factor/", {"required_for": "everyone"}).status_code == 200
    assert not MfaPolicy.objects.exists()


def test_admins_of_clinics_from_before_are_asked_to_choose(world: Any) -> None:
    # What the data migration writes for clinics that existed before two-step sign-in.
    MfaPolicy.objects.create(clinic=world.clinic_admin.clinic, required_for="nobody")
    client = Client()
    client.force_login(world.clinic_admin)
    page = client.get("/dashboard/", follow=True)
    assert "does not ask staff for a second sign-in step" in page.content.decode()
    assert "does not ask" not in client.get("/dashboard/", follow=True).content.decode()
    mfa_policy_set(
        actor=Actor(world.clinic_admin, "web"),
        clinic=world.clinic_admin.clinic,
        required_for=Requirement.NOBODY,
    )
    fresh = Client()
    fresh.force_login(world.clinic_admin)
    assert "does not ask" not in fresh.get("/dashboard/", follow=True).content.decode()


def test_superusers_follow_their_clinics_policy(db: Any) -> None:
    operator = User.objects.create_superuser("op@example.com", "pw-long-enough-1")
    assert operator.role == Role.CLINIC_ADMIN
    assert django_settings.HIPDIP_MFA_DEFAULT_POLICY == "nobody"  # the tests' setting
    _set(operator.clinic, Requirement.SURGEONS_AND_ADMINS)
    assert _sent_to_setup(operator)
    assert not _sent_to_setup(StaffFactory(clinic=operator.clinic, role=Role.COORDINATOR))


def test_the_migration_sets_clinics_from_before_to_nobody_until_their_admin_chooses(
    world: Any,
) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("hipdip.web.mfa.migrations.0002_existing_clinics_choose")
    chosen = world.surgeon.clinic
    MfaPolicy.objects.create(clinic=chosen, required_for="all_staff", chosen_by=world.clinic_admin)
    migration.existing_clinics_nobody(apps, None)
    rows = {p.clinic_id: (p.required_for, p.chosen_by_id) for p in MfaPolicy.objects.all()}
    assert rows[chosen.pk] == ("all_staff", world.clinic_admin.pk)
    assert rows[world.foreign_staff.clinic_id] == ("nobody", None)
