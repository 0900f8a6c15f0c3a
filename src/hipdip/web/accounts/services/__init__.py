"""Account services: sign-in with rate limiting, self sign-up, invitations, API tokens."""

from hipdip.web.accounts.services.invitations import (
    InvitationSent,
    invitation_accept,
    invitation_from_token,
    patient_invite,
    staff_invite,
)
from hipdip.web.accounts.services.signin import user_authenticate
from hipdip.web.accounts.services.signup import patient_sign_up
from hipdip.web.accounts.services.tokens import (
    TOKEN_PREFIX,
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    api_token_revoke_raw,
)

__all__ = [
    "TOKEN_PREFIX",
    "InvitationSent",
    "api_token_authenticate",
    "api_token_create",
    "api_token_revoke",
    "api_token_revoke_raw",
    "invitation_accept",
    "invitation_from_token",
    "patient_invite",
    "patient_sign_up",
    "staff_invite",
    "user_authenticate",
]
