"""Account services: sign-in with throttling, invitations, API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from hipdip.web.accounts import services
from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import ApiToken, Invitation, Role, User
from hipdip.web.audit.models import AuditEvent, Outcome
from hipdip.web.core.errors import Conflict, DomainError, Throttled
from hipdip.web.patients import services as patient_services
from hipdip.web.patients.models import Patient

from ..conftest import World
from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

WEB = Actor(user=None, channel="web", ip="203.0.113.7", user_agent="pytest")


def test_sign_in_returns_the_user_and_records_it(world: World) -> None:
    user = services.user_authenticate(actor=WEB, email=world.coordinator.email, password=PASSWORD)
    assert user == world.coordinator
    event = AuditEvent.objects.get(action="auth.login", outcome=Outcome.OK)
    assert event.actor == world.coordinator and event.ip == "203.0.113.7"


def test_email_is_matched_case_insensitively(world: World) -> None:
    email = "  " + world.coordinator.email.upper() + " "
    assert services.user_authenticate(actor=WEB, email=email, password=PASSWORD)


def test_wrong_password_is_refused_and_recorded(world: World) -> None:
    with pytest.raises(DomainError) as err:
        services.user_authenticate(actor=WEB, email=world.coordinator.email, password="nope")
    assert err.value.code == "invalid_credentials"
    event = AuditEvent.objects.get(action="auth.login", outcome=Outcome.FAILED)
    assert event.detail == {"email": world.coordinator.email}
    assert event.clinic == world.coordinator.clinic


@override_settings(HIPDIP_LOGIN_MAX_FAILURES=5)
def test_sign_in_pauses_after_repeated_failures_even_with_the_right_password(
    world: World,
) -> None:
    for _ in range(5):
        with pytest.raises(DomainError):
            services.user_authenticate(actor=WEB, email=world.surgeon.email, password="guess")
    with pytest.raises(Throttled):
        services.user_authenticate(actor=WEB, email=world.surgeon.email, password=PASSWORD)
    # Another account from another address is not affected.
    other = Actor(user=None, channel="web", ip="198.51.100.1")
    assert services.user_authenticate(actor=other, email=world.coordinator.email, password=PASSWORD)


@override_settings(HIPDIP_LOGIN_MAX_FAILURES_PER_IP=3, HIPDIP_LOGIN_MAX_FAILURES=100)
def test_one_address_guessing_many_accounts_is_paused(world: World) -> None:
    for email in ("a@example.com", "b@example.com", "c@example.com"):
        with pytest.raises(DomainError):
            services.user_authenticate(actor=WEB, email=email, password="guess")
    with pytest.raises(Throttled):
        services.user_authenticate(actor=WEB, email=world.coordinator.email, password=PASSWORD)


def test_inactive_users_cannot_sign_in(world: World) -> None:
    User.objects.filter(pk=world.surgeon.pk).update(is_active=False)
    with pytest.raises(DomainError):
        services.user_authenticate(actor=WEB, email=world.surgeon.email, password=PASSWORD)


def test_inviting_a_patient_creates_their_record_and_emails_a_link(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    actor = Actor(world.coordinator, "web", "10.1.1.1")
    clinic = world.coordinator.clinic
    with django_capture_on_commit_callbacks(execute=True):
        sent = patient_services.patient_invite(
            actor=actor,
            clinic=clinic,
            email="Invitee@Example.com",
            full_name="Ivy Invitee",
            site_url="https://clinic.example/",
        )
    patient = Patient.objects.get(user__email="invitee@example.com")
    assert patient.clinic == clinic
    assert not patient.user.has_usable_password()
    assert sent.accept_url.startswith("https://clinic.example/accounts/invitation/")
    assert len(mail.outbox) == 1 and sent.accept_url in mail.outbox[0].body
    assert mail.outbox[0].to == ["invitee@example.com"]
    inv = Invitation.objects.get(user=patient.user)
    assert inv.token_hash == hashlib.sha256(sent.token.encode()).hexdigest()
    assert sent.token not in inv.token_hash
    assert AuditEvent.objects.filter(action="patient.invite", patient=patient).exists()


def test_accepting_an_invitation_sets_the_password_once(world: World) -> None:
    clinic = world.coordinator.clinic
    sent = patient_services.patient_invite(
        actor=Actor(world.coordinator, "web"),
        clinic=clinic,
        email="ivy@example.com",
        full_name="Ivy",
    )
    inv = services.invitation_from_token(sent.token)
    assert inv is not None
    user = services.invitation_accept(
        actor=WEB, invitation=inv, password="a-long-passphrase-9", new_password=True
    )
    assert user.check_password("a-long-passphrase-9")
    assert services.invitation_from_token(sent.token) is None  # used up


def test_expired_or_unknown_invitation_links_do_not_work(world: World) -> None:
    sent = patient_services.patient_invite(
        actor=Actor(world.coordinator, "web"),
        clinic=world.coordinator.clinic,
        email="late@example.com",
        full_name="Late",
    )
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert services.invitation_from_token(sent.token) is None
    assert services.invitation_from_token("x" * 43) is None
    assert services.invitation_from_token("") is None


def test_a_new_invitation_revokes_the_previous_link(world: World) -> None:
    kwargs: dict[str, Any] = {
        "actor": Actor(world.coordinator, "web"),
        "clinic": world.coordinator.clinic,
        "email": "twice@example.com",
        "full_name": "Twice",
    }
    first = patient_services.patient_invite(**kwargs)
    second = patient_services.patient_invite(**kwargs)
    assert services.invitation_from_token(first.token) is None
    assert services.invitation_from_token(second.token) is not None


def test_a_self_signed_patient_joins_the_clinic_only_when_they_accept(world: World) -> None:
    solo = world.self_signed
    sent = patient_services.patient_invite(
        actor=Actor(world.coordinator, "web"),
        clinic=world.coordinator.clinic,
        email=solo.email,
        full_name="ignored",
    )
    solo.patient.refresh_from_db()
    assert solo.patient.clinic is None  # not before they agree
    inv = services.invitation_from_token(sent.token)
    assert inv is not None
    with pytest.raises(DomainError):
        services.invitation_accept(actor=WEB, invitation=inv, password="wrong", new_password=False)
    services.invitation_accept(actor=WEB, invitation=inv, password=PASSWORD, new_password=False)
    solo.patient.refresh_from_db()
    assert solo.patient.clinic == world.coordinator.clinic


def test_staff_and_other_clinics_patients_cannot_be_invited_as_patients(world: World) -> None:
    actor = Actor(world.coordinator, "web")
    for email in (world.surgeon.email, world.foreign.patient.user.email):
        with pytest.raises(Conflict):
            patient_services.patient_invite(
                actor=actor, clinic=world.coordinator.clinic, email=email, full_name="X"
            )


def test_clinic_admin_invites_staff_with_a_staff_role_only(world: World) -> None:
    actor = Actor(world.clinic_admin, "web")
    clinic = world.clinic_admin.clinic
    sent = services.staff_invite(
        actor=actor, clinic=clinic, email="doc@example.com", full_name="Doc", role=Role.SURGEON
    )
    assert sent.invitation.user.role == Role.SURGEON
    assert sent.invitation.user.clinic == clinic
    with pytest.raises(DomainError):
        services.staff_invite(
            actor=actor, clinic=clinic, email="p@example.com", full_name="P", role=Role.PATIENT
        )


def test_api_tokens_are_stored_hashed_and_expire(world: World) -> None:
    token, raw = services.api_token_create(actor=WEB, user=world.coordinator)
    assert raw.startswith("hd_") and len(raw) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in (stored.key_hash, stored.prefix)
    assert services.api_token_authenticate(raw) == world.coordinator
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert services.api_token_authenticate(raw) is None


def test_revoked_tokens_and_tokens_of_inactive_users_stop_working(world: World) -> None:
    token, raw = services.api_token_create(actor=WEB, user=world.coordinator)
    services.api_token_revoke(actor=WEB, token=token)
    assert services.api_token_authenticate(raw) is None
    _, raw2 = services.api_token_create(actor=WEB, user=world.coordinator)
    User.objects.filter(pk=world.coordinator.pk).update(is_active=False)
    assert services.api_token_authenticate(raw2) is None


@pytest.mark.parametrize("raw", ["", "hd_", "Bearer", "x" * 500, "hd_" + "y" * 43])
def test_made_up_tokens_authenticate_nobody(db: Any, raw: str) -> None:
    assert services.api_token_authenticate(raw) is None


def test_staff_must_belong_to_a_clinic(db: Any) -> None:
    from django.core.exceptions import ValidationError

    user = UserFactory.build(role=Role.SURGEON, clinic=None)
    with pytest.raises(ValidationError):
        user.full_clean()


def test_api_tokens_stop_working_after_any_password_change(world: World) -> None:
    """Admin, command line or any other path that sets a new password ends every token."""
    _, raw = services.api_token_create(actor=WEB, user=world.surgeon)
    assert services.api_token_authenticate(raw) == world.surgeon
    world.surgeon.set_password("a-brand-new-password-9")
    world.surgeon.save()
    assert services.api_token_authenticate(raw) is None
    # Tokens issued after the change work.
    _, fresh = services.api_token_create(actor=WEB, user=world.surgeon)
    assert services.api_token_authenticate(fresh) == world.surgeon
