"""API: tokens and the signed-in user."""

from django.http import HttpRequest
from ninja import Router

from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.accounts.api_helpers import api_actor, api_user
from hipdip.web.accounts.schemas import ClinicOut, MeOut, TokenIn, TokenOut
from hipdip.web.accounts.services import (
    api_token_create,
    api_token_revoke_raw,
    user_authenticate,
)
from hipdip.web.patients.selectors import patient_of_user

router = Router(tags=["auth"])


@router.post("/auth/token", auth=None, response={201: TokenOut})
def token_create(request: HttpRequest, payload: TokenIn) -> TokenOut:
    """Exchange an email and password for a bearer token (rate limited)."""
    actor = actor_from_request(request, channel="api")
    user = user_authenticate(actor=actor, email=payload.email, password=payload.password)
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


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> MeOut:
    """The signed-in user, their role, and for a patient their patient id."""
    user = api_user(request)
    patient = patient_of_user(user)
    return MeOut(
        id=user.pk,
        email=user.email,
        full_name=user.full_name,
        role=user.role,
        clinic=ClinicOut(id=user.clinic.pk, name=user.clinic.name) if user.clinic else None,
        patient_id=patient.pk if patient else None,
    )
