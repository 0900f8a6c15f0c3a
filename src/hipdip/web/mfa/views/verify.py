"""The second step of signing in: a code from the app, a recovery code or a passkey."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.core.errors import DomainError
from hipdip.web.core.forms import form_add_domain_error
from hipdip.web.mfa.forms import CodeForm, RecoveryCodeForm
from hipdip.web.mfa.selectors import mfa_factors
from hipdip.web.mfa.services import (
    mfa_code_verify,
    passkey_authenticate,
    passkey_authentication_options,
)
from hipdip.web.mfa.views._common import (
    current_user,
    json_body,
    json_error,
    next_url,
    relying_party,
    session_verify,
)

_CHALLENGE = "mfa_webauthn_auth_challenge"


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Asks for the second step; a session that has done it goes on to `next`."""
    user = current_user(request)
    factors = mfa_factors(user)
    if user.is_verified() or not factors.enrolled:  # type: ignore[attr-defined]
        return redirect(next_url(request))
    use_recovery = request.GET.get("with") == "recovery" or request.POST.get("method") == "recovery"
    form: CodeForm | RecoveryCodeForm = (
        RecoveryCodeForm(request.POST or None) if use_recovery else CodeForm(request.POST or None)
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            device = mfa_code_verify(
                actor=actor_from_request(request, channel="web"),
                user=user,
                method="recovery" if use_recovery else "totp",
                code=form.cleaned_data["code"],
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
            status = exc.status_code
        else:
            session_verify(request, device)
            return redirect(next_url(request))
    return render(
        request,
        "mfa/verify.html",
        {
            "form": form,
            "factors": factors,
            "use_recovery": use_recovery,
            "next": next_url(request),
        },
        status=status,
    )


@never_cache
@login_required
@require_POST
def passkey_verify_begin(request: HttpRequest) -> HttpResponse:
    """Options for ``navigator.credentials.get``; the challenge stays in the session."""
    try:
        options, challenge = passkey_authentication_options(
            user=current_user(request), rp=relying_party(request)
        )
    except DomainError as exc:
        return json_error(exc)
    request.session[_CHALLENGE] = bytes_to_base64url(challenge)
    return HttpResponse(options, content_type="application/json")


@never_cache
@login_required
@require_POST
def passkey_verify_finish(request: HttpRequest) -> HttpResponse:
    """Checks the signed challenge (once: it leaves the session) and verifies the session."""
    challenge = request.session.pop(_CHALLENGE, None)
    try:
        if not challenge:
            raise DomainError("Start again: the passkey request has expired.", code="no_challenge")
        device = passkey_authenticate(
            actor=actor_from_request(request, channel="web"),
            user=current_user(request),
            credential=json_body(request).get("credential") or {},
            challenge=base64url_to_bytes(challenge),
            rp=relying_party(request),
        )
    except DomainError as exc:
        return json_error(exc)
    session_verify(request, device)
    return JsonResponse({"ok": True, "redirect": next_url(request)})
