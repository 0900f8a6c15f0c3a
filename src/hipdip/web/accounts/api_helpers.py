"""Small helpers shared by the API routers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from ninja.errors import AuthenticationError

from hipdip.web.accounts.actor import Actor, actor_from_request

if TYPE_CHECKING:
    from hipdip.web.accounts.models import User


def api_user(request: HttpRequest) -> User:
    """The user authenticated by the bearer token (401 if there is none)."""
    user = getattr(request, "auth", None)
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        raise AuthenticationError()
    return user  # type: ignore[no-any-return]


def api_actor(request: HttpRequest) -> Actor:
    return actor_from_request(request, channel="api", user=api_user(request))
