"""Clinic admins manage the team in the app: deactivate and reactivate staff (their
sessions and API tokens end), change roles, resend or withdraw invitations; nobody locks
themselves out and the last admin stays; other roles cannot."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import ApiToken, Invitation, Role, User
from hipdip.web.accounts.services import api_token_authenticate, api_token_create, staff_invite
from hipdip.web.audit.models import AuditEvent

from ..conftest import World
from ..factories import PASSWORD

pytestmark = pytest.mark.django_db


def _signed_in(user: User) -> Client:
    client = Client()
    assert client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    return client


def test_deactivating_a_colleague_ends_their_sessions_and_tokens(
    world: World, web_client: Any
) -> None:
    surgeon_browser = _signed_in(world.surgeon)
    assert surgeon_browser.get("/patients/").status_code == 200
    _, raw = api_token_create(actor=Actor(world.surgeon, "web"), user=world.surgeon, name="x")
    admin = web_client(world.clinic_admin)
    page = admin.post(f"/accounts/team/{world.surgeon.pk}/deactivate/", follow=True)
    assert "deactivated and signed out everywhere" in page.content.decode()
    world.surgeon.refresh_from_db()
    assert not world.surgeon.is_active
    assert surgeon_browser.get("/patients/").status_code == 302  # back to sign-in
    assert api_token_authenticate(raw) is None
    assert not ApiToken.objects.filter(user=world.surgeon, revoked_at=None).exists()
    event = AuditEvent.objects.get(action="staff.deactivate")
    assert event.detail["sessions_ended"] >= 1 and event.detail["tokens_revoked"] == 1
    admin.post(f"/accounts/team/{world.surgeon.pk}/reactivate/")
    world.surgeon.refresh_from_db()
    assert world.surgeon.is_active
    assert AuditEvent.objects.filter(action="staff.reactivate").exists()


def test_an_admin_cannot_deactivate_or_demote_themselves(world: World, web_client: Any) -> None:
    admin = web_client(world.clinic_admin)
    page = admin.post(f"/accounts/team/{world.clinic_admin.pk}/deactivate/", follow=True)
    assert "cannot change your own access" in page.content.decode()
    admin.post(f"/accounts/team/{world.clinic_admin.pk}/role/", {"role": "coordinator"})
    world.clinic_admin.refresh_from_db()
    assert world.clinic_admin.is_active and world.clinic_admin.role == Role.CLINIC_ADMIN


def test_the_last_active_admin_stays_an_admin(world: World, web_client: Any) -> None:
    admin = web_client(world.clinic_admin)
    admin.post(f"/accounts/team/{world.coordinator.pk}/role/", {"role": "clinic_admin"})
    world.coordinator.refresh_from_db()
    assert world.coordinator.role == Role.CLINIC_ADMIN and world.coordinator.is_staff
    assert AuditEvent.objects.get(action="staff.role_change").detail == {
        "before": "coordinator",
        "after": "clinic_admin",
    }
    # Now two admins: the new one may demote the first, who is then the only one left...
    web_client(world.coordinator).post(
        f"/accounts/team/{world.clinic_admin.pk}/role/", {"role": "surgeon"}
    )
    world.clinic_admin.refresh_from_db()
    assert world.clinic_admin.role == Role.SURGEON and not world.clinic_admin.is_staff
    # ...and nobody can take away the last one: they cannot change themselves either.
    page = web_client(world.coordinator).post(
        f"/accounts/team/{world.coordinator.pk}/deactivate/", follow=True
    )
    assert "cannot change your own access" in page.content.decode()


def test_two_admins_deactivating_each_other_leave_one_active_admin(world: World) -> None:
    from hipdip.web.accounts.services import staff_deactivate
    from hipdip.web.core.errors import Conflict

    second = User.objects.create_user(
        "second@example.com", PASSWORD, role=Role.CLINIC_ADMIN, clinic=world.clinic_admin.clinic
    )
    first_stale = Actor(world.clinic_admin, "web")  # loaded before the other's change
    staff_deactivate(actor=Actor(second, "web"), user_id=world.clinic_admin.pk)
    with pytest.raises(Conflict, match="at least one active admin"):
        staff_deactivate(actor=first_stale, user_id=second.pk)
    second.refresh_from_db()
    assert second.is_active


def test_resending_an_invitation_replaces_the_link_and_withdrawing_shows_a_plain_page(
    world: World, web_client: Any
) -> None:
    sent = staff_invite(
        actor=Actor(world.clinic_admin, "web"),
        clinic=world.clinic_admin.clinic,
        email="new@example.com",
        full_name="New Person",
        role=Role.COORDINATOR,
    )
    admin = web_client(world.clinic_admin)
    admin.post(f"/accounts/team/invitations/{sent.invitation.pk}/resend/")
    old_link = Client().get(f"/accounts/invitation/{sent.token}/")
    assert old_link.status_code == 410
    fresh = Invitation.objects.get(user__email="new@example.com", revoked_at=None)
    admin.post(f"/accounts/team/invitations/{fresh.pk}/revoke/")
    fresh.refresh_from_db()
    assert fresh.revoked_at is not None
    page = Client().get(f"/accounts/invitation/{sent.token}/")
    assert "This invitation was withdrawn" in page.content.decode()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"invitation.resend", "invitation.revoke"} <= actions


@pytest.mark.parametrize("who", ["coordinator", "surgeon", "patient"])
def test_only_clinic_admins_manage_the_team(world: World, web_client: Any, who: str) -> None:
    sent = staff_invite(
        actor=Actor(world.clinic_admin, "web"),
        clinic=world.clinic_admin.clinic,
        email="new@example.com",
        full_name="New Person",
        role=Role.COORDINATOR,
    )
    client = web_client(getattr(world, who))
    target = world.surgeon if who != "surgeon" else world.coordinator
    urls = [
        f"/accounts/team/{target.pk}/deactivate/",
        f"/accounts/team/{target.pk}/reactivate/",
        f"/accounts/team/{target.pk}/role/",
        f"/accounts/team/invitations/{sent.invitation.pk}/resend/",
        f"/accounts/team/invitations/{sent.invitation.pk}/revoke/",
    ]
    for url in urls:
        assert client.post(url, {"role": "clinic_admin"}).status_code == 403, url
    target.refresh_from_db()
    assert target.is_active and target.role != Role.CLINIC_ADMIN
    assert Invitation.objects.get(pk=sent.invitation.pk).revoked_at is None


def test_an_admin_cannot_touch_another_clinics_staff_or_patients(
    world: World, web_client: Any
) -> None:
    admin = web_client(world.clinic_admin)
    assert admin.post(f"/accounts/team/{world.foreign_staff.pk}/deactivate/").status_code == 404
    assert admin.post(f"/accounts/team/{world.patient.pk}/deactivate/").status_code == 404
    world.foreign_staff.refresh_from_db()
    assert world.foreign_staff.is_active


def test_deactivating_in_the_django_admin_is_for_operators_and_ends_access_too(
    world: World, web_client: Any, admin_client: Any
) -> None:
    url = f"/admin/accounts/user/{world.surgeon.pk}/change/"
    form = web_client(world.clinic_admin).get(url).content.decode()
    assert 'name="is_active"' not in form  # clinic admins use the team page
    _, raw = api_token_create(actor=Actor(world.surgeon, "web"), user=world.surgeon, name="x")
    response = admin_client.post(
        url,
        {
            "email": world.surgeon.email,
            "full_name": world.surgeon.full_name,
            "role": world.surgeon.role,
            "clinic": world.surgeon.clinic_id,
        },
    )
    assert response.status_code == 302
    world.surgeon.refresh_from_db()
    assert not world.surgeon.is_active and api_token_authenticate(raw) is None
