"""A clinic admin resets a staff member's two-step sign-in (lost phone and passkeys), after
a confirmation page. Reached from the team page; the admin's own factors are not reset
here (their account page removes them with a current code)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.mfa.forms import ResetForm
from hipdip.web.mfa.selectors import mfa_factors, mfa_required
from hipdip.web.mfa.services import MfaResetResult, mfa_reset_member, mfa_reset_target


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def reset(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    member = mfa_reset_target(actor=actor, user_id=user_id)
    form = ResetForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = mfa_reset_member(actor=actor, user_id=user_id)
        messages.success(request, reset_summary(result))
        return redirect("accounts:team")
    return render(
        request,
        "mfa/reset.html",
        {
            "member": member,
            "factors": mfa_factors(member),
            "required": mfa_required(member),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def reset_summary(result: MfaResetResult) -> str:
    """One plain sentence for the team page."""
    name = result.user.full_name or result.user.email
    then = (
        "At their next sign-in they are asked to set it up again."
        if result.required
        else "They can sign in with their password alone until they set it up again."
    )
    return f"Two-step sign-in of {name} is reset and they are signed out everywhere. {then}"
