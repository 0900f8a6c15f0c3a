"""API: tokens. (``/me``, which names a patient's record, is in the patients router.)"""

from django.http import HttpRequest
from ninja import Router

from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.accounts.api_helpers import api_actor
from hipdip.web.accounts.schemas import TokenIn, TokenOut
from hipdip.web.accounts.services import (
    api_token_create,
    api_token_for_password_check,
    api_token_revoke_raw,
    user_authenticate,
)

router = Router(tags=["auth"])


#: People with two-step sign-in get 403 ``second_factor_required`` (HIPDIP_API_TOKEN_CHECKS).
_REFUSED = {
    "description": "Two-step sign-in is on for this account: create a token on the account page.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


@router.post(
    "/auth/token",
    auth=None,
    response={201: TokenOut},
    openapi_extra={"responses": {403: _REFUSED}},
)
def token_create(request: HttpRequest, payload: TokenIn) -> TokenOut:
    """Exchange an email and password for a bearer token (rate limited). Staff with
    two-step sign-in are refused (403) and create tokens on their account page."""
    actor = actor_from_request(request, channel="api")
    user = user_authenticate(actor=actor, email=payload.email, password=payload.password)
    # People with two-step sign-in create tokens on their account page instead.
    api_token_for_password_check(
        actor=actor_from_request(request, channel="api", user=user), user=user
    )
    token, raw = api_token_create(
        actor=actor_from_request(request, channel="api", user=user), user=user, name="API"
    )
    return TokenOut(token=raw, expires_at=token.expires_at)


@router.delete("/auth/token", response={204: None})
def token_revoke(request: HttpRequest) -> None:
    """Revoke the token this request was sent with."""
    raw = request.headers.get("Authorization", "").partition(" ")[2].strip()
    api_token_revoke_raw(actor=api_actor(request), raw=raw)
    return None
