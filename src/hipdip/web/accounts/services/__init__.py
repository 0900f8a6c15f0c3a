"""Account services: sign-in with rate limiting, invitations, API tokens. (Creating a
patient, by self sign-up or invitation, is in :mod:`hipdip.web.patients.services`.)"""

from hipdip.web.accounts.services._common import validate_password
from hipdip.web.accounts.services.invitations import (
    InvitationSent,
    invitation_accept,
    invitation_behind_link,
    invitation_create,
    invitation_from_token,
    staff_invite,
)
from hipdip.web.accounts.services.signin import user_authenticate
from hipdip.web.accounts.services.team import (
    invitation_resend,
    invitation_revoke,
    staff_deactivate,
    staff_reactivate,
    staff_role_change,
)
from hipdip.web.accounts.services.tokens import (
    TOKEN_PREFIX,
    api_token_authenticate,
    api_token_create,
    api_token_for_password_check,
    api_token_revoke,
    api_token_revoke_raw,
    api_tokens_revoke_all,
    may_hold_api_tokens,
)

__all__ = [
    "TOKEN_PREFIX",
    "InvitationSent",
    "api_token_authenticate",
    "api_token_create",
    "api_token_for_password_check",
    "api_token_revoke",
    "api_token_revoke_raw",
    "api_tokens_revoke_all",
    "invitation_accept",
    "invitation_behind_link",
    "invitation_create",
    "invitation_from_token",
    "invitation_resend",
    "invitation_revoke",
    "may_hold_api_tokens",
    "staff_deactivate",
    "staff_invite",
    "staff_reactivate",
    "staff_role_change",
    "user_authenticate",
    "validate_password",
]
