"""A person's own two-step settings: authenticator app, passkeys, recovery codes."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

from hipdip.web.access import require_staff
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.core.errors import DomainError
from hipdip.web.core.forms import form_add_domain_error
from hipdip.web.mfa.forms import CodeForm, ConfirmRemoveForm
from hipdip.web.mfa.models import PasskeyDevice
from hipdip.web.mfa.selectors import mfa_factors, mfa_required
from hipdip.web.mfa.services import (
    mfa_device_remove,
    passkey_register,
    passkey_registration_options,
    recovery_codes_generate,
    totp_device_confirm,
    totp_device_start,
)
from hipdip.web.mfa.services.totp import totp_device_pending
from hipdip.web.mfa.views._common import (
    NEW_CODES_KEY,
    current_user,
    json_body,
    json_error,
    keep_new_codes,
    next_url,
    relying_party,
    session_verify,
)

_CHALLENGE = "mfa_webauthn_reg_challenge"


def _guard(request: HttpRequest) -> HttpResponse | None:
    """Staff only; and someone with a factor must have used it in this session before
    changing anything (a password alone must not add or remove factors)."""
    require_staff(actor_from_request(request, channel="web"))
    user = current_user(request)
    if not user.is_verified() and mfa_factors(user).enrolled:  # type: ignore[attr-defined]
        return redirect(reverse("mfa:verify") + "?next=" + request.path)
    return None


@never_cache
@login_required
def setup(request: HttpRequest) -> HttpResponse:
    if (response := _guard(request)) is not None:
        return response
    user = current_user(request)
    return render(
        request,
        "mfa/setup.html",
        {
            "factors": mfa_factors(user),
            "required": mfa_required(user),
            "next": next_url(request),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def totp(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the secret), then confirm with the first code."""
    if (response := _guard(request)) is not None:
        return response
    user = current_user(request)
    device = totp_device_pending(user=user)
    form = CodeForm(request.POST or None)
    if device is None:
        try:
            device = totp_device_start(user=user)
        except DomainError as exc:
            messages.info(request, exc.message)
            return redirect("mfa:setup")
    elif request.method == "POST" and form.is_valid():
        try:
            codes = totp_device_confirm(
                actor=actor_from_request(request, channel="web"),
                device=device,
                code=form.cleaned_data["code"],
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            session_verify(request, device)
            keep_new_codes(request, codes)
            messages.success(request, "Your authenticator app is set up.")
            return redirect("mfa:recovery_codes" if codes else "mfa:setup")
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=4, dark="#1f2933", light="#ffffff", omitsize=True)
    return render(
        request,
        "mfa/totp.html",
        {
            "form": form,
            "qr_svg": mark_safe(svg),
            "secret": _grouped(device),
        },
    )


def _grouped(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The new codes, once: they leave the session as this page is drawn."""
    if (response := _guard(request)) is not None:
        return response
    codes = request.session.pop(NEW_CODES_KEY, None)
    if not codes:
        return redirect("mfa:setup")
    return render(request, "mfa/recovery_codes.html", {"codes": codes})


@login_required
@require_POST
def recovery_regenerate(request: HttpRequest) -> HttpResponse:
    if (response := _guard(request)) is not None:
        return response
    user = current_user(request)
    if not mfa_factors(user).enrolled:
        raise Http404
    codes = recovery_codes_generate(actor=actor_from_request(request, channel="web"), user=user)
    keep_new_codes(request, codes)
    return redirect("mfa:recovery_codes")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def remove(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Remove the app or a passkey, confirmed with a code."""
    if (response := _guard(request)) is not None:
        return response
    user = current_user(request)
    model = {"app": TOTPDevice, "passkey": PasskeyDevice}.get(kind)
    if model is None:
        raise Http404
    device = get_object_or_404(model, pk=pk, user=user, confirmed=True)
    factors = mfa_factors(user)
    form = ConfirmRemoveForm(request.POST or None)
    if factors.totp is None:
        form.fields["method"].initial = "recovery"
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            mfa_device_remove(
                actor=actor_from_request(request, channel="web"),
                user=user,
                device=device,
                method=form.cleaned_data["method"],
                code=form.cleaned_data["code"],
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
            status = exc.status_code
        else:
            messages.success(request, f"“{device.name}” is removed.")
            return redirect("mfa:setup")
    return render(
        request,
        "mfa/remove.html",
        {
            "form": form,
            "device": device,
            "factors": factors,
            "last_factor": (factors.totp is not None) + len(factors.passkeys) == 1,
        },
        status=status,
    )


@never_cache
@login_required
@require_POST
def passkey_register_begin(request: HttpRequest) -> HttpResponse:
    if (response := _guard(request)) is not None:
        return response
    try:
        options, challenge = passkey_registration_options(
            user=current_user(request), rp=relying_party(request)
        )
    except DomainError as exc:
        return json_error(exc)
    request.session[_CHALLENGE] = bytes_to_base64url(challenge)
    return HttpResponse(options, content_type="application/json")


@never_cache
@login_required
@require_POST
def passkey_register_finish(request: HttpRequest) -> HttpResponse:
    if (response := _guard(request)) is not None:
        return response
    challenge = request.session.pop(_CHALLENGE, None)
    try:
        if not challenge:
            raise DomainError("Start again: the passkey request has expired.", code="no_challenge")
        body = json_body(request)
        device, codes = passkey_register(
            actor=actor_from_request(request, channel="web"),
            user=current_user(request),
            credential=body.get("credential") or {},
            challenge=base64url_to_bytes(challenge),
            rp=relying_party(request),
            name=str(body.get("name") or "")[:64],
        )
    except DomainError as exc:
        return json_error(exc)
    session_verify(request, device)
    keep_new_codes(request, codes)
    messages.success(request, "Your passkey is registered.")
    return JsonResponse(
        {"ok": True, "redirect": reverse("mfa:recovery_codes" if codes else "mfa:setup")}
    )
