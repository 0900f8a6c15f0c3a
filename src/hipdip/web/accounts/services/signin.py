"""Signing in with an email and a password: rate limited and audited."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.http import HttpRequest

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Clinic, User, normalize_email
from hipdip.web.accounts.throttle import (
    login_failure_record,
    login_success_record,
    login_wait_seconds,
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
        While this email is paused on this address after repeated failures (checked
        first, so a correct password does not help an attacker who is guessing; see
        :mod:`hipdip.web.accounts.throttle` for who is paused and for how long).
    DomainError
        ``invalid_credentials`` for a wrong email or password or an inactive account.
    """
    email = normalize_email(email)
    wait = login_wait_seconds(email=email, ip=actor.ip)
    if wait:
        audit_record(
            actor=actor,
            action="auth.login",
            outcome=Outcome.DENIED,
            clinic=_clinic_of_email(email),
            detail={"email": email, "reason": "throttled"},
        )
        raise Throttled(
            f"Too many failed sign-in attempts. Wait {_duration(wait)}, or reset your password.",
            details={"retry_after_seconds": wait},
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
    login_success_record(email=email, ip=actor.ip)
    audit_record(actor=Actor(user, actor.channel, actor.ip, actor.user_agent), action="auth.login")
    return user


def _clinic_of_email(email: str) -> Clinic | None:
    user = User.objects.filter(email=email).select_related("clinic").first()
    return user.clinic if user is not None else None


def _duration(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = -(-seconds // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
