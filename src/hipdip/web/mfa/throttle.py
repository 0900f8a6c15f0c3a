"""Back-off on wrong second-factor codes, per person.

The person typing already knows the password, so the count is per account (not per
address: addresses are cheap). The first ``HIPDIP_MFA_FREE_FAILURES`` wrong codes are
free; each further one pauses code entry for 1, 2, 4 ... seconds, capped at
``HIPDIP_LOGIN_BACKOFF_MAX_SECONDS`` like the password back-off in
:mod:`hipdip.web.accounts.throttle`, so even an attacker holding the password gets about a
hundred guesses a day at a six-digit code. A right code clears the count. Passkeys are not
guessable and are not paused. Counts live in the shared cache, like the password ones.
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.core.cache import cache

_PREFIX = "hipdip:mfa-throttle"


def _keys(user_id: int) -> tuple[str, str]:
    return f"{_PREFIX}:count:{user_id}", f"{_PREFIX}:until:{user_id}"


def mfa_wait_seconds(*, user_id: int) -> int:
    """Seconds before this person may enter a code again (0: now)."""
    until = cache.get(_keys(user_id)[1])
    if until is None:
        return 0
    return max(0, math.ceil(float(until) - time.time()))


def mfa_failure_record(*, user_id: int) -> int:
    """Count a wrong code; returns the pause it starts (0 while failures are free)."""
    count_key, until_key = _keys(user_id)
    window = settings.HIPDIP_LOGIN_WINDOW_SECONDS
    cache.add(count_key, 0, timeout=window)
    try:
        failures = int(cache.incr(count_key))
    except ValueError:  # expired between add and incr
        cache.set(count_key, 1, timeout=window)
        failures = 1
    cache.touch(count_key, window)
    free = settings.HIPDIP_MFA_FREE_FAILURES
    if failures <= free:
        return 0
    pause = int(min(settings.HIPDIP_LOGIN_BACKOFF_MAX_SECONDS, 2 ** min(failures - free - 1, 62)))
    cache.set(until_key, time.time() + pause, timeout=pause + 1)
    return pause


def mfa_success_record(*, user_id: int) -> None:
    cache.delete_many(list(_keys(user_id)))
