"""Sends signed-in people to the second step (or to set one up) before anything else."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from hipdip.web.mfa.models import MfaPolicy, Requirement
from hipdip.web.mfa.selectors import mfa_enrolled, mfa_required

#: Reachable before the second step: the two-step pages themselves, signing out, static
#: files, the health check and the API (which takes bearer tokens only, never the session).
EXEMPT_PREFIXES = (
    "/accounts/two-factor/",
    "/accounts/logout/",
    "/api/",
    "/health/",
    "/favicon.ico",
)
_NUDGED = "mfa_policy_nudged"


def _exempt(path: str) -> bool:
    return path.startswith(EXEMPT_PREFIXES) or path.startswith(settings.STATIC_URL)


class SecondFactorMiddleware:
    """After ``OTPMiddleware``: a person with a second factor whose session has not used
    it goes to the verify page; a person the clinic requires to use one, who has none,
    goes to set it up. Nothing else opens until then. Patients are never required."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or _exempt(request.path):
            return self.get_response(request)
        if not user.is_verified():
            if mfa_enrolled(user):
                return _redirect("mfa:verify", request)
            if mfa_required(user):
                return _redirect("mfa:setup", request)
        if user.is_clinic_admin and not request.session.get(_NUDGED):
            request.session[_NUDGED] = True
            if MfaPolicy.objects.filter(
                clinic_id=user.clinic_id, chosen_by=None, required_for=Requirement.NOBODY
            ).exists():
                messages.info(
                    request,
                    "Your clinic does not ask staff for a second sign-in step yet. "
                    "Choose who needs it under Two-step sign-in on the Team page.",
                )
        return self.get_response(request)


def _redirect(name: str, request: HttpRequest) -> HttpResponse:
    url = reverse(name)
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(url)
