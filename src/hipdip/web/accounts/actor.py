"""Who is acting, and from where: passed to every service so audit events can say so."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest

if TYPE_CHECKING:
    from hipdip.web.accounts.models import User


@dataclass(frozen=True)
class Actor:
    """The person (or system job) behind a service call.

    `channel` is one of the audit channels: web, api, admin, task, cli.
    """

    user: User | None
    channel: str
    ip: str | None = None
    user_agent: str = ""

    @classmethod
    def system(cls, channel: str) -> Actor:
        """A background task or command: no person, no address."""
        return cls(user=None, channel=channel)

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None and self.user.is_authenticated and self.user.is_active


def actor_from_request(request: HttpRequest, *, channel: str, user: User | None = None) -> Actor:
    """The actor of a request; `user` overrides `request.user` (API bearer tokens)."""
    who = user if user is not None else getattr(request, "user", None)
    if who is not None and not who.is_authenticated:
        who = None
    return Actor(
        user=who,
        channel=channel,
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or X-Forwarded-For as set by trusted proxies only.

    With N trusted proxies the client is the N-th address from the right of X-Forwarded-For;
    anything further left was written by the client and cannot be believed.
    """
    candidate = request.META.get("REMOTE_ADDR", "")
    trusted = settings.HIPDIP_TRUSTED_PROXIES
    if trusted > 0:
        chain = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [a for a in chain if a]
        if len(chain) >= trusted:
            candidate = chain[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None
