"""Domain errors raised by services, mapped to one JSON shape by the API and to messages
by the web views."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """An expected refusal with a stable code, a plain sentence and optional details."""

    status_code = 400
    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details = details


class Conflict(DomainError):
    status_code = 409
    code = "conflict"


class Throttled(DomainError):
    status_code = 429
    code = "too_many_attempts"


class UploadRejected(DomainError):
    """An upload that is not an acceptable photo; `code` is the analyser's reason code."""

    status_code = 400
    code = "invalid_image"


class PayloadTooLarge(DomainError):
    status_code = 413
    code = "payload_too_large"


def full_clean_or_raise(obj: Any, *, exclude: list[str] | None = None) -> None:
    """`obj.full_clean()`, with Django's ValidationError turned into a DomainError whose
    details map each field to its messages."""
    from django.core.exceptions import ValidationError

    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        details = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        first = next(iter(details.values()))[0] if details else "The data is not valid."
        raise DomainError(first, code="invalid", details=details) from exc
