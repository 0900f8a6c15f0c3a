"""Creating patient records: self sign-up (invitations are tested with their acceptance,
in tests/web/accounts)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role, User
from hipdip.web.audit.models import AuditEvent, Outcome
from hipdip.web.core.errors import DomainError
from hipdip.web.patients import services as patient_services

from ..conftest import World

pytestmark = pytest.mark.django_db

WEB = Actor(user=None, channel="web", ip="203.0.113.7", user_agent="pytest")


def test_self_sign_up_creates_a_patient_without_clinic() -> None:
    patient = patient_services.patient_sign_up(
        actor=WEB, email="New@Example.com", full_name=" Nia New ", password="a-long-passphrase-9"
    )
    assert patient is not None and patient.clinic is None
    assert not patient.user.is_active  # until the emailed link is used
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


def test_sign_up_with_a_taken_email_changes_nothing_and_emails_the_holder(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        result = patient_services.patient_sign_up(
            actor=WEB,
            email=world.patient.email.upper(),
            full_name="X",
            password="a-long-passphrase-9",
        )
    assert result is None
    world.patient.refresh_from_db()
    assert world.patient.full_name == "Olivia Own" and world.patient.is_active
    assert [m.to for m in mail.outbox] == [[world.patient.email]]
    event = AuditEvent.objects.get(action="account.sign_up")
    assert event.outcome == Outcome.DENIED and event.detail == {"reason": "email_taken"}


def test_signing_up_again_before_confirming_replaces_the_password(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = patient_services.patient_sign_up(
            actor=WEB, email="nia@example.com", full_name="Nia", password="first-long-pass-1"
        )
        again = patient_services.patient_sign_up(
            actor=WEB, email="nia@example.com", full_name="Nia N", password="second-long-pass-2"
        )
    assert first is not None and again is not None and first.pk == again.pk
    user = User.objects.get(email="nia@example.com")
    assert user.check_password("second-long-pass-2") and not user.is_active
    assert len(mail.outbox) == 2 and all("confirm" in m.body for m in mail.outbox)
