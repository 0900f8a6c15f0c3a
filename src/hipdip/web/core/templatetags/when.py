"""How long ago something happened, in plain words: ``{{ value|ago }}`` gives "just now"
under a minute (never "0 minutes ago"), else Django's "3 hours, 2 minutes ago"."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.timesince import timesince

register = template.Library()

#: Under this, "just now".
JUST_NOW = dt.timedelta(minutes=1)


@register.filter
def ago(value: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """``value`` as "just now" or "<time> ago"; empty for no value."""
    if not value:
        return ""
    now = now or timezone.now()
    if now - value < JUST_NOW:  # also a time a few seconds ahead (clocks differ)
        return "just now"
    return f"{timesince(value, now)} ago"
