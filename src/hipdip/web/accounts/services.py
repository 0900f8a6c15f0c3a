"""Accounts: sign-in with rate limiting, self sign-up, invitations, API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hipdip.web.accounts.models import (
    STAFF_ROLES,
    ApiToken,
    Clinic,
    Invitation,
    Role,
    User,
    normalize_email,
)
from hipdip.web.accounts.throttle import (
    login_failure_record,
    login_failures_clear,
    login_is_throttled,
)
from hipdip.web.audit.models import Outcome
from hipdip.web.audit.services import audit_record
from hipdip.web.core.actor import Actor
from hipdip.web.core.errors import Conflict, DomainError, Throttled
from hipdip.web.patients.models import Patient

TOKEN_PREFIX = "hd_"


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


# --- signing in -----------------------------------------------------------------------


def user_authenticate(
    *, actor: Actor, email: str, password: str, request: HttpRequest | None = None
) -> User:
    """Check an email and password, with rate limiting and audit events.

    Raises
    ------
    Throttled
        When this email or address has failed too often recently (checked first, so a
        correct password does not help an attacker who is guessing).
    DomainError
        ``invalid_credentials`` for a wrong email or password or an inactive account.
    """
    email = normalize_email(email)
    if login_is_throttled(email=email, ip=actor.ip):
        audit_record(
            actor=actor,
            action="auth.login",
            outcome=Outcome.DENIED,
            clinic=_clinic_of_email(email),
            detail={"email": email, "reason": "throttled"},
        )
        raise Throttled(
            "Too many failed sign-in attempts. Wait 15 minutes, or reset your password."
        )
    user = authenticate(request, email=email, password=password)
    if not isinstance(user, User):
        login_failure_record(email=email, ip=actor.ip)
        audit_record(
            actor=actor,
            action="auth.login",
            outcome=Outcome.FAILED,
            clinic=_clinic_of_email(email),
            detail={"email": email},
        )
        raise DomainError("The email or password is not right.", code="invalid_credentials")
    login_failures_clear(email=email)
    audit_record(actor=Actor(user, actor.channel, actor.ip, actor.user_agent), action="auth.login")
    return user


def _clinic_of_email(email: str) -> Clinic | None:
    user = User.objects.filter(email=email).select_related("clinic").first()
    return user.clinic if user is not None else None


# --- self sign-up ---------------------------------------------------------------------


def patient_sign_up(*, actor: Actor, email: str, full_name: str, password: str) -> Patient:
    """A person creates their own account for a self-assessment (no clinic)."""
    email = normalize_email(email)
    if User.objects.filter(email=email).exists():
        raise Conflict(
            "An account with this email already exists. Sign in, or reset your password.",
            code="email_taken",
        )
    user = User(email=email, full_name=full_name.strip(), role=Role.PATIENT)
    _validate_password(password, user)
    user.set_password(password)
    with transaction.atomic():
        user.full_clean()
        user.save()
        patient = Patient(user=user, created_by=user)
        patient.full_clean()
        patient.save()
        audit_record(
            actor=Actor(user, actor.channel, actor.ip, actor.user_agent),
            action="account.sign_up",
            patient=patient,
            target=patient,
        )
    return patient


def _validate_password(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(
            " ".join(exc.messages), code="weak_password", details={"password": exc.messages}
        ) from exc


# --- invitations ----------------------------------------------------------------------


@dataclass(frozen=True)
class InvitationSent:
    invitation: Invitation
    #: The link's secret. Only its hash is stored; it goes out by email and is shown once.
    token: str
    accept_url: str


def patient_invite(
    *, actor: Actor, clinic: Clinic, email: str, full_name: str, site_url: str | None = None
) -> InvitationSent:
    """Create a patient record for `email` in `clinic` and email them a link to sign in.

    A person who already signed up alone keeps their account and joins the clinic when they
    accept. Staff can add photo sessions to the record straight away.
    """
    email = normalize_email(email)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email=email).first()
        if user is None:
            user = User(email=email, full_name=full_name.strip(), role=Role.PATIENT)
            user.set_unusable_password()
            user.full_clean()
            user.save()
            patient = Patient(user=user, clinic=clinic, created_by=actor.user)
            patient.full_clean()
            patient.save()
        elif (
            user.is_patient
            and hasattr(user, "patient")
            and user.patient.clinic_id
            in (
                None,
                clinic.pk,
            )
        ):
            # A self sign-up joins when they accept; a patient of this clinic gets a new link.
            patient = user.patient
        else:
            raise Conflict(
                "This email already belongs to another account and cannot be invited.",
                code="email_taken",
            )
        sent = _invitation_create(
            actor=actor, clinic=clinic, user=user, role=Role.PATIENT, site_url=site_url
        )
        audit_record(actor=actor, action="patient.invite", patient=patient, target=sent.invitation)
    return sent


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
        sent = _invitation_create(
            actor=actor, clinic=clinic, user=user, role=role, site_url=site_url
        )
        audit_record(actor=actor, action="staff.invite", target=sent.invitation, clinic=clinic)
    return sent


def _invitation_create(
    *, actor: Actor, clinic: Clinic, user: User, role: str, site_url: str | None
) -> InvitationSent:
    now = timezone.now()
    Invitation.objects.filter(user=user, accepted_at=None, revoked_at=None).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        clinic=clinic,
        user=user,
        role=role,
        invited_by=actor.user,
        token_hash=_hash(token),
        expires_at=now + dt.timedelta(days=settings.HIPDIP_INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    base = (site_url or settings.HIPDIP_SITE_URL).rstrip("/")
    url = base + reverse("accounts:invitation", kwargs={"token": token})
    body = render_to_string(
        "accounts/email/invitation.txt",
        {"invitation": invitation, "url": url, "days": settings.HIPDIP_INVITATION_DAYS},
    )
    subject = f"{clinic.name} invites you to hipdip"
    transaction.on_commit(
        lambda: send_mail(subject, body, None, [user.email], fail_silently=False), robust=True
    )
    return InvitationSent(invitation=invitation, token=token, accept_url=url)


def invitation_from_token(token: str) -> Invitation | None:
    """The usable invitation behind a link's token, or None."""
    if not token or len(token) > 100:
        return None
    inv = (
        Invitation.objects.select_related("user", "clinic").filter(token_hash=_hash(token)).first()
    )
    return inv if inv is not None and inv.is_usable else None


def invitation_accept(
    *, actor: Actor, invitation: Invitation, password: str, new_password: bool
) -> User:
    """Accept an invitation: choose a first password, or confirm an existing one to join."""
    user = invitation.user
    if new_password:
        if user.has_usable_password():
            raise DomainError("This account already has a password.", code="invalid")
        _validate_password(password, user)
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


# --- API tokens -----------------------------------------------------------------------


def api_token_create(*, actor: Actor, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Issue a bearer token; returns the stored record and the token (shown only once)."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name[:100],
        key_hash=_hash(raw),
        prefix=raw[:10],
        expires_at=timezone.now() + dt.timedelta(days=settings.HIPDIP_API_TOKEN_DAYS),
    )
    with transaction.atomic():
        token.full_clean()
        token.save()
        audit_record(actor=actor, action="auth.token_create", target=token)
    return token, raw


def api_token_authenticate(raw: str) -> User | None:
    """The active user behind a bearer token, or None. Marks the token as used."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__clinic").filter(key_hash=_hash(raw)).first()
    )
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def api_token_revoke(*, actor: Actor, token: ApiToken) -> None:
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=timezone.now())
        audit_record(actor=actor, action="auth.token_revoke", target=token)


def api_token_revoke_raw(*, actor: Actor, raw: str) -> bool:
    """Revoke the token the request came with (API sign-out)."""
    token = ApiToken.objects.filter(key_hash=_hash(raw), revoked_at=None).first()
    if token is None:
        return False
    api_token_revoke(actor=actor, token=token)
    return True
