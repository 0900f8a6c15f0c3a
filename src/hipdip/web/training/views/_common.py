"""Helpers shared by the training views."""

from __future__ import annotations

from django.http import HttpRequest

from hipdip.web.accounts.actor import Actor, actor_from_request
from hipdip.web.patients.models import Patient


def web_actor(request: HttpRequest) -> Actor:
    return actor_from_request(request, channel="web")


def is_own(actor: Actor, patient: Patient) -> bool:
    return actor.user is not None and patient.user_id == actor.user.pk
