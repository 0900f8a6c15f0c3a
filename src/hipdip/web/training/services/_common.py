"""Shared by the training services."""

from __future__ import annotations

from hipdip.web.core.errors import DomainError


def invalid(field: str, message: str, code: str = "invalid") -> DomainError:
    return DomainError(message, code=code, details={field: [message]})
