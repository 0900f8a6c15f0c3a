"""The team page's actions for clinic admins: deactivate, reactivate, change a role,
resend or withdraw an invitation. Each is a POST that calls one service and returns to
the team page with a plain message."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from hipdip.web.accounts.actor import Actor, actor_from_request
from hipdip.web.accounts.roles import require_clinic_admin
from hipdip.web.accounts.services import (
    invitation_resend,
    invitation_revoke,
    staff_deactivate,
    staff_reactivate,
    staff_role_change,
)
from hipdip.web.core.errors import DomainError


def _run(request: HttpRequest, step: Callable[[Actor], str]) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    require_clinic_admin(actor)
    try:
        done = step(actor)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("accounts:team")


@login_required
@require_POST
def member_deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    def step(actor: Actor) -> str:
        user = staff_deactivate(actor=actor, user_id=user_id)
        return f"{user.full_name or user.email} is deactivated and signed out everywhere."

    return _run(request, step)


@login_required
@require_POST
def member_reactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    def step(actor: Actor) -> str:
        user = staff_reactivate(actor=actor, user_id=user_id)
        return f"{user.full_name or user.email} can sign in again."

    return _run(request, step)


@login_required
@require_POST
def member_role(request: HttpRequest, user_id: int) -> HttpResponse:
    def step(actor: Actor) -> str:
        user = staff_role_change(actor=actor, user_id=user_id, role=request.POST.get("role", ""))
        return f"{user.full_name or user.email} is now {user.get_role_display().lower()}."

    return _run(request, step)


@login_required
@require_POST
def invite_resend(request: HttpRequest, invitation_id: str) -> HttpResponse:
    def step(actor: Actor) -> str:
        sent = invitation_resend(
            actor=actor, invitation_id=invitation_id, site_url=request.build_absolute_uri("/")
        )
        email = sent.invitation.user.email
        if settings.HIPDIP_SHOW_INVITE_LINKS:
            return f"A new link is on its way to {email}: {sent.accept_url}"
        return f"A new link is on its way to {email}; the old one no longer works."

    return _run(request, step)


@login_required
@require_POST
def invite_revoke(request: HttpRequest, invitation_id: str) -> HttpResponse:
    def step(actor: Actor) -> str:
        inv = invitation_revoke(actor=actor, invitation_id=invitation_id)
        return f"The invitation to {inv.user.email} is withdrawn; its link no longer works."

    return _run(request, step)
