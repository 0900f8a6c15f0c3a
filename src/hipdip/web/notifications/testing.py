"""Backends that fail on purpose, for tests and drills of the retry path."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend


class FailingEmailBackend(BaseEmailBackend):
    """Every email fails, as when the mail server is down."""

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        raise ConnectionRefusedError("mail server unavailable")
