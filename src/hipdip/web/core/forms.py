"""Showing a service's refusal on the form that caused it."""

from __future__ import annotations

from typing import Any

from hipdip.web.core.errors import DomainError


def form_add_domain_error(form: Any, exc: DomainError) -> None:
    """Put a DomainError's messages on the form: each ``details`` entry that names a field
    of the form goes under that field; if none does, the error's sentence goes on top."""
    details = exc.details if isinstance(exc.details, dict) else {}
    placed = False
    for field, msgs in details.items():
        if field in form.fields:
            for msg in msgs:
                form.add_error(field, msg)
            placed = True
    if not placed:
        form.add_error(None, exc.message)
