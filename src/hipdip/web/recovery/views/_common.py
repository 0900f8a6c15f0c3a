"""Helpers shared by the recovery views."""

from __future__ import annotations

from django.http import HttpRequest

from hipdip.web.accounts.actor import Actor, actor_from_request
from hipdip.web.patients.models import Patient


def web_actor(request: HttpRequest) -> Actor:
    return actor_from_request(request, channel="web")


def is_own(actor: Actor, patient: Patient) -> bool:
    return actor.user is not None and patient.user_id == actor.user.pk


def read_action(request: HttpRequest, action: str) -> str | None:
    """Audit a form page when it is shown (a read); a submission audits its change."""
    return action if request.method == "GET" else None
