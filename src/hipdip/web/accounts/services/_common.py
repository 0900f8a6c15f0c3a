"""Shared helpers of the account services."""

from __future__ import annotations

import hashlib

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from hipdip.web.accounts.models import User
from hipdip.web.core.errors import DomainError


def hash_secret(raw: str) -> str:
    """SHA-256 of a high-entropy secret (tokens, invitation links); only this is stored."""
    return hashlib.sha256(raw.encode()).hexdigest()


def validate_password(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(
            " ".join(exc.messages), code="weak_password", details={"password": exc.messages}
        ) from exc
