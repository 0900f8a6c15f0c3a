"""The check `accounts` runs before exchanging a password for an API token
(``HIPDIP_API_TOKEN_CHECKS``): a password alone is not enough for people with two-step
sign-in, who create tokens on their account page after the second step."""

from __future__ import annotations

from hipdip.web.accounts.models import User
from hipdip.web.mfa.selectors import mfa_enrolled, mfa_required
from hipdip.web.mfa.services.verify import SecondFactorRequired


def token_for_password_allowed(user: User) -> None:
    """Raise SecondFactorRequired (403) for people who use, or must use, a second step."""
    if mfa_enrolled(user) or mfa_required(user):
        raise SecondFactorRequired(
            "Your account uses two-step sign-in: sign in on the website and create a token "
            "on your account page."
        )
