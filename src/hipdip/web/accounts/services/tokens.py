"""API bearer tokens: issued on sign-in, stored as SHA-256, expiring, revocable, and
ended by any change of their owner's password."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.module_loading import import_string

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import ApiToken, User, password_fingerprint
from hipdip.web.accounts.services._common import hash_secret
from hipdip.web.audit.models import Outcome
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import DomainError

TOKEN_PREFIX = "hd_"


def api_token_create(*, actor: Actor, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Issue a bearer token; returns the stored record and the token (shown only once).

    The account page offers tokens to staff only (for the clinic's own systems); a
    patient's phone app still exchanges the patient's password for one through
    `POST /api/auth/token`, which the patient API (check-ins, bookings, messages) needs.
    """
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name[:100],
        key_hash=hash_secret(raw),
        prefix=raw[:10],
        expires_at=timezone.now() + dt.timedelta(days=settings.HIPDIP_API_TOKEN_DAYS),
        password_fingerprint=password_fingerprint(user),
    )
    with transaction.atomic():
        token.full_clean()
        token.save()
        audit_record(actor=actor, action="auth.token_create", target=token)
    return token, raw


def api_token_for_password_check(*, actor: Actor, user: User) -> None:
    """Before a password alone buys a token: run the checks named in
    ``HIPDIP_API_TOKEN_CHECKS`` (dotted paths of ``check(user)``, e.g. two-step sign-in,
    which lives above this app). A refusal is a DomainError, audited here."""
    for path in settings.HIPDIP_API_TOKEN_CHECKS:
        try:
            import_string(path)(user)
        except DomainError as exc:
            audit_record(
                actor=actor,
                action="auth.token_create",
                outcome=Outcome.DENIED,
                target=user,
                detail={"reason": exc.code},
            )
            raise


def may_hold_api_tokens(user: User) -> bool:
    """Whether `user` may be issued API tokens: clinic staff only."""
    return bool(user.is_clinic_staff)


def api_token_authenticate(raw: str) -> User | None:
    """The active user behind a bearer token, or None. Marks the token as used."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__clinic")
        .filter(key_hash=hash_secret(raw))
        .first()
    )
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if not constant_time_compare(token.password_fingerprint, password_fingerprint(token.user)):
        # The password changed after the token was issued (reset, admin, command line).
        ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=now)
        return None
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def api_token_revoke(*, actor: Actor, token: ApiToken) -> None:
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=timezone.now())
        audit_record(actor=actor, action="auth.token_revoke", target=token)


def api_token_revoke_raw(*, actor: Actor, raw: str) -> bool:
    """Revoke the token the request came with (API sign-out)."""
    token = ApiToken.objects.filter(key_hash=hash_secret(raw), revoked_at=None).first()
    if token is None:
        return False
    api_token_revoke(actor=actor, token=token)
    return True


def api_tokens_revoke_all(*, actor: Actor, user: User) -> int:
    """End every active token of `user` (after a password reset or change); returns how
    many. Audited once, as the user's tokens being revoked."""
    with transaction.atomic():
        count = ApiToken.objects.filter(user=user, revoked_at=None).update(
            revoked_at=timezone.now()
        )
        if count:
            audit_record(
                actor=actor, action="auth.tokens_revoke", target=user, detail={"count": count}
            )
    return count
