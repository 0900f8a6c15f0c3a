"""Helpers shared by the recovery views."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hipdip.web.accounts.actor import Actor, actor_from_request
from hipdip.web.core.errors import DomainError
from hipdip.web.patients.models import Patient


def web_actor(request: HttpRequest) -> Actor:
    return actor_from_request(request, channel="web")


def is_own(actor: Actor, patient: Patient) -> bool:
    return actor.user is not None and patient.user_id == actor.user.pk


def read_action(request: HttpRequest, action: str) -> str | None:
    """Audit a form page when it is shown (a read); a submission audits its change."""
    return action if request.method == "GET" else None


def form_error(form: Any, exc: DomainError) -> None:
    details = exc.details if isinstance(exc.details, dict) else {}
    placed = False
    for field, msgs in details.items():
        if field in form.fields:
            for msg in msgs:
                form.add_error(field, msg)
            placed = True
    if not placed:
        form.add_error(None, exc.message)
