"""API bearer tokens: issued on sign-in, stored as SHA-256, expiring, revocable."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import ApiToken, User
from hipdip.web.accounts.services._common import hash_secret
from hipdip.web.audit.services import audit_record

TOKEN_PREFIX = "hd_"


def api_token_create(*, actor: Actor, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Issue a bearer token; returns the stored record and the token (shown only once)."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name[:100],
        key_hash=hash_secret(raw),
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
        ApiToken.objects.select_related("user", "user__clinic")
        .filter(key_hash=hash_secret(raw))
        .first()
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
    token = ApiToken.objects.filter(key_hash=hash_secret(raw), revoked_at=None).first()
    if token is None:
        return False
    api_token_revoke(actor=actor, token=token)
    return True
