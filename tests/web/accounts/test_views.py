"""Sign-in, invitations, password reset and the team page in the browser flow."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from hipdip.web.accounts.models import ApiToken, Role, User
from hipdip.web.audit.models import AuditEvent
from hipdip.web.patients.models import Patient

from ..conftest import World
from ..factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_signing_in_leads_staff_to_the_staff_home(world: World) -> None:
    client = Client()
    response = client.post(
        "/accounts/login/",
        {"username": world.coordinator.email, "password": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/staff/"
    assert b"Today" in response.content


def test_signing_in_leads_a_patient_to_their_own_page(world: World) -> None:
    response = Client().post(
        "/accounts/login/", {"username": world.patient.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"/patients/{world.own.patient.pk}/"
    assert b"My measurements" in response.content


def test_a_wrong_password_shows_a_plain_message(world: World) -> None:
    response = Client().post(
        "/accounts/login/", {"username": world.patient.email, "password": "nope"}
    )
    assert response.status_code == 200
    assert b"The email or password is not right." in response.content


def test_the_login_page_pauses_after_repeated_failures(world: World, settings: Any) -> None:
    settings.HIPDIP_LOGIN_MAX_FAILURES = 3
    client = Client()
    for _ in range(3):
        client.post("/accounts/login/", {"username": world.patient.email, "password": "x"})
    response = client.post(
        "/accounts/login/", {"username": world.patient.email, "password": PASSWORD}
    )
    assert b"Too many failed sign-in attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_forms_refuse_posts_without_a_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/accounts/login/", {"username": world.patient.email, "password": PASSWORD}
    )
    assert response.status_code == 403
    assert b"Please try again" in response.content
    client.force_login(world.patient)
    response = client.post(f"/photos/{world.own.failed.pk}/retry/")
    assert response.status_code == 403


def test_signing_out_needs_a_post(world: World, web_client: Callable[..., Client]) -> None:
    client = web_client(world.patient)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/dashboard/").status_code == 302
    assert AuditEvent.objects.filter(action="auth.logout", actor=world.patient).exists()


def test_an_invited_patient_sets_a_password_and_lands_on_their_page(
    world: World,
    web_client: Callable[..., Client],
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.HIPDIP_SHOW_INVITE_LINKS = False
    staff = web_client(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            "/patients/invite/", {"full_name": "Ivy Invitee", "email": "ivy@example.com"}
        )
    assert response.status_code == 200
    assert b"Invitation sent" in response.content
    assert b"/accounts/invitation/" not in response.content  # the link goes by email only
    link = re.search(r"http://testserver(/accounts/invitation/[^/\s]+/)", mail.outbox[0].body)
    assert link is not None

    visitor = Client()
    page = visitor.get(link.group(1))
    assert b"Choose a password" in page.content
    done = visitor.post(link.group(1), {"password": "a-long-passphrase-9"}, follow=True)
    patient = Patient.objects.get(user__email="ivy@example.com")
    assert done.redirect_chain[-1][0] == f"/patients/{patient.pk}/"
    assert visitor.get(link.group(1)).status_code == 404  # used up


def test_invitation_links_are_shown_to_staff_while_email_is_not_delivered(
    world: World, web_client: Callable[..., Client], settings: Any
) -> None:
    settings.HIPDIP_SHOW_INVITE_LINKS = True
    response = web_client(world.coordinator).post(
        "/patients/invite/", {"full_name": "Ivy", "email": "ivy@example.com"}
    )
    assert b"/accounts/invitation/" in response.content


def test_password_reset_sends_a_working_link(world: World) -> None:
    client = Client()
    client.post("/accounts/password-reset/", {"email": world.patient.email})
    assert len(mail.outbox) == 1
    path = re.search(r"http://testserver(/accounts/password-reset/\S+/\S+/)", mail.outbox[0].body)
    assert path is not None
    form = client.get(path.group(1), follow=True)
    assert b"Choose a new password" in form.content
    url = form.redirect_chain[-1][0]
    client.post(
        url, {"new_password1": "another-long-pass-7", "new_password2": "another-long-pass-7"}
    )
    world.patient.refresh_from_db()
    assert world.patient.check_password("another-long-pass-7")
    assert AuditEvent.objects.filter(action="auth.password_reset", actor=world.patient).exists()


def test_clinic_admin_invites_a_surgeon_from_the_team_page(
    world: World, web_client: Callable[..., Client]
) -> None:
    response = web_client(world.clinic_admin).post(
        "/accounts/team/", {"full_name": "Dr New", "email": "drnew@example.com", "role": "surgeon"}
    )
    assert response.status_code == 200
    user = User.objects.get(email="drnew@example.com")
    assert (user.role, user.clinic) == (Role.SURGEON, world.clinic_admin.clinic)


def test_api_tokens_can_be_created_and_revoked_on_the_account_page(
    world: World, web_client: Callable[..., Client]
) -> None:
    client = web_client(world.surgeon)
    response = client.post("/accounts/account/", {"name": "laptop"})
    token = re.search(rb"hd_[A-Za-z0-9_\-]+", response.content)
    assert token is not None
    api = Client(headers={"Authorization": f"Bearer {token.group(0).decode()}"})
    assert api.get("/api/me").status_code == 200
    stored = ApiToken.objects.get(user=world.surgeon)
    client.post(f"/accounts/account/tokens/{stored.pk}/revoke/")
    assert api.get("/api/me").status_code == 401
    # Nobody revokes somebody else's token.
    other = ApiToken.objects.create(
        user=world.coordinator, key_hash="0" * 64, prefix="hd_x", expires_at=stored.expires_at
    )
    assert client.post(f"/accounts/account/tokens/{other.pk}/revoke/").status_code == 404


def _reset_password(client: Client, email: str, new_password: str) -> None:
    client.post("/accounts/password-reset/", {"email": email})
    path = re.search(r"http://testserver(/accounts/password-reset/\S+/\S+/)", mail.outbox[-1].body)
    assert path is not None
    form = client.get(path.group(1), follow=True)
    url = form.redirect_chain[-1][0]
    client.post(url, {"new_password1": new_password, "new_password2": new_password})


def test_api_tokens_stop_working_after_a_password_reset(
    world: World, api_client: Callable[..., Client]
) -> None:
    api = api_client(world.patient)
    assert api.get("/api/me").status_code == 200
    _reset_password(Client(), world.patient.email, "another-long-pass-7")
    assert api.get("/api/me").status_code == 401
    assert not ApiToken.objects.filter(user=world.patient, revoked_at=None).exists()
    assert AuditEvent.objects.filter(action="auth.tokens_revoke", actor=world.patient).exists()
