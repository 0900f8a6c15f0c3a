"""Text messages behind a small pluggable backend.

``HIPDIP_SMS_BACKEND`` names the backend by short name (``console``, ``locmem``) or by
dotted path to a class with a no-argument constructor implementing :class:`SmsBackend`
(e.g. a wrapper around a provider's API). The default, ``console``, writes one line per
message to the log with the last digits of the number and the length, never the text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsBackend(Protocol):
    """Sends one text message. Raise to report a failure (it is recorded and retried)."""

    def send(self, *, to: str, text: str) -> None: ...


class ConsoleSmsBackend:
    """For development: a log line saying a text went out, without its words."""

    def send(self, *, to: str, text: str) -> None:
        logger.info("text message to ...%s (%d characters)", to[-3:], len(text))


@dataclass(frozen=True)
class SentText:
    to: str
    text: str


#: What :class:`LocmemSmsBackend` sent, like Django's ``mail.outbox``; tests empty it.
outbox: list[SentText] = []


class LocmemSmsBackend:
    """For tests: texts are kept in :data:`outbox`."""

    def send(self, *, to: str, text: str) -> None:
        outbox.append(SentText(to=to, text=text))


class FailingSmsBackend:
    """For tests and drills: every text fails, as when a provider is down."""

    def send(self, *, to: str, text: str) -> None:
        raise ConnectionError("text message provider unavailable")


_SHORT_NAMES: dict[str, Any] = {
    "console": ConsoleSmsBackend,
    "locmem": LocmemSmsBackend,
    "failing": FailingSmsBackend,
}


def get_sms_backend() -> SmsBackend:
    """The configured text-message backend."""
    name = getattr(settings, "HIPDIP_SMS_BACKEND", "") or "console"
    cls: Any = _SHORT_NAMES.get(name) or import_string(name)
    backend: SmsBackend = cls()
    return backend
