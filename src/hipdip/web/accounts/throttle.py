"""Rate limiting of sign-in and password reset, shared by the login page and the API.

It slows guessing without letting anyone lock out the person who holds the password:

- Per **email and address**: the first ``HIPDIP_LOGIN_MAX_FAILURES`` failures are free; each
  further one pauses that pair for 1, 2, 4 ... seconds, up to
  ``HIPDIP_LOGIN_BACKOFF_MAX_SECONDS``. A failure from elsewhere never pauses this pair.
- Per **address** (one guesser trying many accounts) and per **email** (many addresses
  guessing one account): past ``HIPDIP_LOGIN_MAX_FAILURES_PER_IP`` and
  ``HIPDIP_LOGIN_MAX_FAILURES_PER_EMAIL`` failures the same back-off applies, but only to
  email-and-address pairs that have never signed in successfully. A clinic behind one NAT
  address keeps working, and so does the account holder on their usual address.
- A finished password reset forgives the email's failures (the holder proved they own the
  mailbox), so they can sign in from a new address even during an attack.
- Password reset and sign-up requests are limited per email (extra requests send nothing
  and look the same) and per address (answered 429).

Everything lives in the Django cache (a table in the database, or Redis with several web
processes), never in process memory, so every process sees the same counts. Failures are
forgotten ``HIPDIP_LOGIN_WINDOW_SECONDS`` after the last one.
"""

from __future__ import annotations

import hashlib
import math
import time
from enum import Enum

from django.conf import settings
from django.core.cache import cache

_PREFIX = "hipdip:throttle"


def _key(kind: str, *parts: str) -> str:
    digest = hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:32]
    return f"{_PREFIX}:{kind}:{digest}"


def _scopes(email: str, ip: str | None) -> list[tuple[str, tuple[str, ...], int]]:
    """(kind, key parts, free failures) of the counters a sign-in attempt touches."""
    email = email.strip().lower()
    scopes = [
        ("pair", (email, ip or "-"), settings.HIPDIP_LOGIN_MAX_FAILURES),
        ("email", (email,), settings.HIPDIP_LOGIN_MAX_FAILURES_PER_EMAIL),
    ]
    if ip:
        scopes.append(("ip", (ip,), settings.HIPDIP_LOGIN_MAX_FAILURES_PER_IP))
    return scopes


def _remaining(kind: str, parts: tuple[str, ...]) -> int:
    until = cache.get(_key(kind + ":until", *parts))
    if until is None:
        return 0
    return max(0, math.ceil(float(until) - time.time()))


def _is_known(email: str, ip: str | None) -> bool:
    return bool(ip) and cache.get(_key("known", email.strip().lower(), ip or "")) is not None


def login_wait_seconds(*, email: str, ip: str | None) -> int:
    """Seconds before this email may try to sign in from this address again (0: now)."""
    known = _is_known(email, ip)
    waits = [
        _remaining(kind, parts)
        for kind, parts, _ in _scopes(email, ip)
        if kind == "pair" or not known
    ]
    return max(waits, default=0)


def _backoff_seconds(failures: int, free: int) -> int:
    """0 for the free failures, then 1, 2, 4 ... capped."""
    if failures < free:
        return 0
    cap = settings.HIPDIP_LOGIN_BACKOFF_MAX_SECONDS
    return int(min(cap, 2 ** min(failures - free, 62)))


def _count(key: str, timeout: int, *, sliding: bool) -> int:
    """Add one to a counter (atomically on Redis). It expires `timeout` seconds after its
    first count, or after its last one when `sliding`."""
    cache.add(key, 0, timeout=timeout)
    try:
        value = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        value = 1
    if sliding:
        cache.touch(key, timeout)
    return int(value)


def login_failure_record(*, email: str, ip: str | None) -> None:
    """Count a failed sign-in against the pair, the email and the address."""
    memory = settings.HIPDIP_LOGIN_WINDOW_SECONDS
    for kind, parts, free in _scopes(email, ip):
        failures = _count(_key(kind, *parts), memory, sliding=True)
        pause = _backoff_seconds(failures, free)
        if pause:
            cache.set(_key(kind + ":until", *parts), time.time() + pause, timeout=pause + 1)


def login_success_record(*, email: str, ip: str | None) -> None:
    """A right password: the pair starts afresh and the address becomes known for this
    email, so other people's failures no longer pause it."""
    email = email.strip().lower()
    cache.delete_many([_key("pair", email, ip or "-"), _key("pair:until", email, ip or "-")])
    if ip:
        days = settings.HIPDIP_LOGIN_KNOWN_ADDRESS_DAYS
        cache.set(_key("known", email, ip), 1, timeout=days * 24 * 3600)


def login_failures_forgive(*, email: str) -> None:
    """After a finished password reset: the email's own count (all addresses) is cleared."""
    email = email.strip().lower()
    cache.delete_many([_key("email", email), _key("email:until", email)])


class ResetVerdict(Enum):
    SEND = "send"
    #: Enough emails went to this address recently: answer as usual, send nothing.
    QUIET = "quiet"
    #: This client asked too often: answer 429.
    REFUSE = "refuse"


def password_reset_attempt(*, email: str, ip: str | None, purpose: str = "reset") -> ResetVerdict:
    """Count a request that emails a link (password reset, or `purpose="signup"`) and say
    whether to send the email.

    The per-email limit is silent (same answer, no email), so it reveals nothing about
    which emails have accounts; the per-address limit is refused openly.
    """
    window = settings.HIPDIP_PASSWORD_RESET_WINDOW_SECONDS
    # Fixed windows: someone who keeps asking cannot keep the holder from ever getting one.
    asked = _count(_key(f"{purpose}-ip", ip), window, sliding=False) if ip else 0
    if asked > settings.HIPDIP_PASSWORD_RESET_MAX_PER_IP:
        return ResetVerdict.REFUSE
    sent = _count(_key(f"{purpose}-email", email.strip().lower()), window, sliding=False)
    if sent > settings.HIPDIP_PASSWORD_RESET_MAX_PER_EMAIL:
        return ResetVerdict.QUIET
    return ResetVerdict.SEND
