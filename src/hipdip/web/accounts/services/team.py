"""A clinic admin manages the team: deactivate and reactivate staff, change a role, resend
or withdraw an invitation. Nobody can lock themselves out, and a clinic always keeps at
least one active admin. Every change is audited."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import STAFF_ROLES, Clinic, Invitation, Role, User
from hipdip.web.accounts.roles import require_clinic_admin
from hipdip.web.accounts.services.invitations import InvitationSent, invitation_create
from hipdip.web.accounts.services.tokens import api_tokens_revoke_all
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import Conflict, DomainError


def _member(clinic: Clinic, user_id: int) -> User:
    """A staff member of the clinic, locked for the change; 404 for anyone else."""
    user = (
        User.objects.select_for_update()
        .filter(pk=user_id, clinic=clinic, role__in=list(STAFF_ROLES))
        .first()
    )
    if user is None:
        raise Http404("No such member of your team.")
    return user


def _guard(actor: Actor, clinic: Clinic, user: User, *, losing_admin: bool) -> None:
    if actor.user is not None and user.pk == actor.user.pk:
        raise DomainError(
            "You cannot change your own access here; ask another admin.", code="self_change"
        )
    if losing_admin and user.role == Role.CLINIC_ADMIN and user.is_active:
        admins = list(
            User.objects.select_for_update()
            .filter(clinic=clinic, role=Role.CLINIC_ADMIN, is_active=True)
            .values_list("pk", flat=True)
        )
        if admins == [user.pk]:
            raise Conflict(
                "The clinic needs at least one active admin. Make someone else an admin first.",
                code="last_admin",
            )


def sessions_end(user: User) -> int:
    """Sign the user out everywhere: delete every session that belongs to them."""
    ended = [
        s.pk
        for s in Session.objects.filter(expire_date__gt=timezone.now())
        if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


def staff_deactivate(*, actor: Actor, user_id: int) -> User:
    """Stop a staff member's access: sign-in, sessions and API tokens all end at once."""
    clinic = require_clinic_admin(actor)
    with transaction.atomic():
        user = _member(clinic, user_id)
        _guard(actor, clinic, user, losing_admin=True)
        if not user.is_active:
            return user
        user.is_active = False
        user.save(update_fields=["is_active"])
        tokens = api_tokens_revoke_all(actor=actor, user=user)
        sessions = sessions_end(user)
        audit_record(
            actor=actor,
            action="staff.deactivate",
            target=user,
            clinic=clinic,
            detail={"sessions_ended": sessions, "tokens_revoked": tokens},
        )
    return user


def staff_reactivate(*, actor: Actor, user_id: int) -> User:
    """Give a deactivated staff member access again (their old tokens stay revoked)."""
    clinic = require_clinic_admin(actor)
    with transaction.atomic():
        user = _member(clinic, user_id)
        _guard(actor, clinic, user, losing_admin=False)
        if user.is_active:
            return user
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_record(actor=actor, action="staff.reactivate", target=user, clinic=clinic)
    return user


def staff_role_change(*, actor: Actor, user_id: int, role: str) -> User:
    """Make a staff member a coordinator, surgeon or admin."""
    clinic = require_clinic_admin(actor)
    if role not in STAFF_ROLES:
        raise DomainError("Choose a staff role.", code="invalid_role")
    with transaction.atomic():
        user = _member(clinic, user_id)
        _guard(actor, clinic, user, losing_admin=role != Role.CLINIC_ADMIN)
        before = user.role
        if before == role:
            return user
        user.role = role
        user.is_staff = role == Role.CLINIC_ADMIN or user.is_superuser
        user.save(update_fields=["role", "is_staff"])
        audit_record(
            actor=actor,
            action="staff.role_change",
            target=user,
            clinic=clinic,
            detail={"before": before, "after": role},
        )
    return user


def _open_invitation(clinic: Clinic, invitation_id: str) -> Invitation:
    inv = (
        Invitation.objects.select_for_update()
        .select_related("user")
        .filter(pk=invitation_id, clinic=clinic, accepted_at=None, revoked_at=None)
        .first()
    )
    if inv is None:
        raise Http404("No such open invitation.")
    return inv


def invitation_resend(*, actor: Actor, invitation_id: str, site_url: str | None) -> InvitationSent:
    """Send a fresh link (the old one stops working) with a new expiry date."""
    clinic = require_clinic_admin(actor)
    with transaction.atomic():
        old = _open_invitation(clinic, invitation_id)
        sent = invitation_create(
            actor=actor, clinic=clinic, user=old.user, role=old.role, site_url=site_url
        )
        audit_record(
            actor=actor,
            action="invitation.resend",
            target=sent.invitation,
            clinic=clinic,
            detail={"replaces": str(old.pk)},
        )
    return sent


def invitation_revoke(*, actor: Actor, invitation_id: str) -> Invitation:
    """Withdraw an invitation: its link then says so."""
    clinic = require_clinic_admin(actor)
    with transaction.atomic():
        inv = _open_invitation(clinic, invitation_id)
        inv.revoked_at = timezone.now()
        inv.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="invitation.revoke", target=inv, clinic=clinic)
    return inv
