"""Sign-in rate limiting shared by the login page and the API token endpoint.

Failures are counted per email and per client address in the cache (a file cache on one
machine, Redis at scale) over a sliding window; once either count reaches its limit,
sign-in is refused until the window has passed, even with the right password.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"hipdip:login:{kind}:{digest}"


def _recent(key: str) -> list[float]:
    now = time.time()
    window = settings.HIPDIP_LOGIN_WINDOW_SECONDS
    stamps = cache.get(key) or []
    return [t for t in stamps if now - t < window]


def login_is_throttled(*, email: str, ip: str | None) -> bool:
    """True when this email or this address has failed too often recently."""
    if len(_recent(_key("email", email.strip().lower()))) >= settings.HIPDIP_LOGIN_MAX_FAILURES:
        return True
    return bool(ip and len(_recent(_key("ip", ip))) >= settings.HIPDIP_LOGIN_MAX_FAILURES_PER_IP)


def login_failure_record(*, email: str, ip: str | None) -> None:
    window = settings.HIPDIP_LOGIN_WINDOW_SECONDS
    keys = [_key("email", email.strip().lower())] + ([_key("ip", ip)] if ip else [])
    for key in keys:
        stamps = [*_recent(key), time.time()]
        cache.set(key, stamps[-100:], timeout=window)


def login_failures_clear(*, email: str) -> None:
    """A successful sign-in clears the email's count (the address's count stays)."""
    cache.delete(_key("email", email.strip().lower()))
