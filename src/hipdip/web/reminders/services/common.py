"""What every reminder job shares: absolute links and the quiet-hours check."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse

from hipdip.web.accounts.models import User
from hipdip.web.notifications.selectors import in_quiet_hours


def site_link(name: str, **kwargs: object) -> str:
    """An absolute link into the app (``HIPDIP_SITE_URL`` + the named URL)."""
    return str(settings.HIPDIP_SITE_URL).rstrip("/") + reverse(name, kwargs=kwargs or None)


def quiet_now(user: User, now: dt.datetime) -> bool:
    """The person is in their quiet hours: daily prompts wait for the next run."""
    return in_quiet_hours(user, now)
