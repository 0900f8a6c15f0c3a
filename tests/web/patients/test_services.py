"""Creating patient records: self sign-up (invitations are tested with their acceptance,
in tests/web/accounts)."""

from __future__ import annotations

import pytest

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role, User
from hipdip.web.audit.models import AuditEvent
from hipdip.web.core.errors import Conflict, DomainError
from hipdip.web.patients import services as patient_services

from ..conftest import World

pytestmark = pytest.mark.django_db

WEB = Actor(user=None, channel="web", ip="203.0.113.7", user_agent="pytest")


def test_self_sign_up_creates_a_patient_without_clinic() -> None:
    patient = patient_services.patient_sign_up(
        actor=WEB, email="New@Example.com", full_name=" Nia New ", password="a-long-passphrase-9"
    )
    assert patient.clinic is None
    assert patient.user.email == "new@example.com"
    assert patient.user.full_name == "Nia New"
    assert patient.user.role == Role.PATIENT
    assert patient.user.check_password("a-long-passphrase-9")
    assert AuditEvent.objects.filter(action="account.sign_up", patient=patient).exists()


@pytest.mark.parametrize("password", ["short", "password123", "1234567890123", "nianewuser"])
def test_sign_up_refuses_weak_passwords(password: str) -> None:
    with pytest.raises(DomainError) as err:
        patient_services.patient_sign_up(
            actor=WEB, email="nianewuser@example.com", full_name="Nia Newuser", password=password
        )
    assert err.value.code == "weak_password"
    assert not User.objects.filter(email="nianewuser@example.com").exists()


def test_sign_up_with_a_taken_email_is_refused(world: World) -> None:
    with pytest.raises(Conflict):
        patient_services.patient_sign_up(
            actor=WEB,
            email=world.patient.email.upper(),
            full_name="X",
            password="a-long-passphrase-9",
        )
