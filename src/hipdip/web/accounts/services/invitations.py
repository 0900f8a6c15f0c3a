"""Invitations by an emailed link: clinic admins invite staff here; staff invite patients
through :func:`hipdip.web.patients.services.patient_invite`, which uses
:func:`invitation_create`."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import (
    STAFF_ROLES,
    Clinic,
    Invitation,
    Role,
    User,
    normalize_email,
)
from hipdip.web.accounts.services._common import hash_secret, validate_password
from hipdip.web.accounts.throttle import login_failure_record
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import Conflict, DomainError


@dataclass(frozen=True)
class InvitationSent:
    invitation: Invitation
    #: The link's secret. Only its hash is stored; it goes out by email and is shown once.
    token: str
    accept_url: str
    #: How long the link works, in the words the email uses ("14 days").
    lasts: str


def invitation_lifetime() -> str:
    """How long an invitation link works, as both the email and the pages word it, from
    the one setting ``HIPDIP_INVITATION_DAYS``."""
    days = settings.HIPDIP_INVITATION_DAYS
    return "1 day" if days == 1 else f"{days} days"


def staff_invite(
    *,
    actor: Actor,
    clinic: Clinic,
    email: str,
    full_name: str,
    role: str,
    site_url: str | None = None,
) -> InvitationSent:
    """A clinic admin adds a coordinator, surgeon or admin to their clinic."""
    if role not in STAFF_ROLES:
        raise DomainError("Choose a staff role.", code="invalid_role")
    email = normalize_email(email)
    with transaction.atomic():
        if User.objects.filter(email=email).exists():
            raise Conflict("An account with this email already exists.", code="email_taken")
        user = User(
            email=email,
            full_name=full_name.strip(),
            role=role,
            clinic=clinic,
            is_staff=role == Role.CLINIC_ADMIN,
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
        sent = invitation_create(
            actor=actor, clinic=clinic, user=user, role=role, site_url=site_url
        )
        audit_record(actor=actor, action="staff.invite", target=sent.invitation, clinic=clinic)
    return sent


def invitation_create(
    *, actor: Actor, clinic: Clinic, user: User, role: str, site_url: str | None
) -> InvitationSent:
    """Revoke the user's open invitations, store a new one (its token hashed) and email
    the link; the caller creates the user and audits the invitation."""
    now = timezone.now()
    Invitation.objects.filter(user=user, accepted_at=None, revoked_at=None).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        clinic=clinic,
        user=user,
        role=role,
        invited_by=actor.user,
        token_hash=hash_secret(token),
        expires_at=now + dt.timedelta(days=settings.HIPDIP_INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    base = (site_url or settings.HIPDIP_SITE_URL).rstrip("/")
    url = base + reverse("accounts:invitation", kwargs={"token": token})
    body = render_to_string(
        "accounts/email/invitation.txt",
        {"invitation": invitation, "url": url, "lasts": invitation_lifetime()},
    )
    subject = f"{clinic.name} invites you to hipdip"
    transaction.on_commit(
        lambda: send_mail(subject, body, None, [user.email], fail_silently=False), robust=True
    )
    return InvitationSent(
        invitation=invitation, token=token, accept_url=url, lasts=invitation_lifetime()
    )


def invitation_from_token(token: str) -> Invitation | None:
    """The usable invitation behind a link's token, or None."""
    inv = invitation_behind_link(token)
    return inv if inv is not None and inv.is_usable else None


def invitation_behind_link(token: str) -> Invitation | None:
    """The invitation behind a link's token in any state (used, withdrawn, expired), so
    the page can say which; None for an unknown token."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("user", "clinic")
        .filter(token_hash=hash_secret(token))
        .first()
    )


def invitation_accept(
    *, actor: Actor, invitation: Invitation, password: str, new_password: bool
) -> User:
    """Accept an invitation: choose a first password, or confirm an existing one to join."""
    user = invitation.user
    if new_password:
        if user.has_usable_password():
            raise DomainError("This account already has a password.", code="invalid")
        validate_password(password, user)
    elif not user.check_password(password):
        login_failure_record(email=user.email, ip=actor.ip)
        raise DomainError("The password is not right.", code="invalid_credentials")
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_usable:
            raise Conflict("This invitation has already been used or has expired.")
        if new_password:
            user.set_password(password)
        user.is_active = True
        user.save()
        if user.is_patient:
            patient = user.patient
            if patient.clinic_id is None:
                patient.clinic = locked.clinic
                patient.save(update_fields=["clinic"])
        locked.accepted_at = timezone.now()
        locked.save(update_fields=["accepted_at"])
        audit_record(
            actor=Actor(user, actor.channel, actor.ip, actor.user_agent),
            action="invitation.accept",
            patient=getattr(user, "patient", None),
            target=locked,
            clinic=locked.clinic,
        )
    return user
