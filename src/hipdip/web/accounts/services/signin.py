"""Signing in with an email and a password: rate limited and audited."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.http import HttpRequest

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Clinic, User, normalize_email
from hipdip.web.accounts.throttle import (
    login_failure_record,
    login_failures_clear,
    login_is_throttled,
)
from hipdip.web.audit.models import Outcome
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import DomainError, Throttled


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
