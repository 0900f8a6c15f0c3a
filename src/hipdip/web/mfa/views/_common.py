"""What the two-step pages share: the relying party of a request, safe `next` links and
marking a session as verified."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.models import Device

from hipdip.web.accounts.models import User
from hipdip.web.core.errors import DomainError
from hipdip.web.mfa.services import RelyingParty

NEW_CODES_KEY = "mfa_new_recovery_codes"


def relying_party(request: HttpRequest) -> RelyingParty:
    """Passkeys belong to the configured domain, else to the request's host (which
    ALLOWED_HOSTS has vetted); only the configured origins, else this one, may sign."""
    host = request.get_host()
    rp_id = settings.HIPDIP_WEBAUTHN_RP_ID or host.rsplit(":", 1)[0].strip("[]")
    origins = tuple(settings.HIPDIP_WEBAUTHN_ORIGINS) or (f"{request.scheme}://{host}",)
    return RelyingParty(id=rp_id, name=settings.OTP_TOTP_ISSUER, origins=origins)


def next_url(request: HttpRequest) -> str:
    """Where to go after the second step: `next` if it is on this site, else home."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def session_verify(request: HttpRequest, device: Device) -> None:
    """Mark the session as having passed the second step (with a new session key)."""
    request.session.cycle_key()
    otp_login(request, device)


def keep_new_codes(request: HttpRequest, codes: list[str] | None) -> None:
    """New recovery codes wait in the session for the one page that shows them."""
    if codes:
        request.session[NEW_CODES_KEY] = codes


def current_user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def json_body(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise DomainError("The request is not valid JSON.", code="invalid_json") from exc
    if not isinstance(data, dict):
        raise DomainError("The request is not a JSON object.", code="invalid_json")
    return data


def json_error(exc: DomainError) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": exc.code, "message": exc.message, "details": None}},
        status=exc.status_code,
    )
