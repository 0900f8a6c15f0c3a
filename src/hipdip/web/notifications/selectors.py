"""Reading preferences and the record of deliveries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hipdip.web.accounts.models import User
from hipdip.web.clinic.selectors import default_timezone_for
from hipdip.web.notifications.models import (
    Delivery,
    DeliveryStatus,
    NotificationPreference,
)


def preference_of(user: User) -> NotificationPreference:
    """The person's preferences; an unsaved default (email, no quiet hours) if none."""
    pref = NotificationPreference.objects.filter(user=user).first()
    return pref if pref is not None else NotificationPreference(user=user)


def timezone_of(user: User, pref: NotificationPreference | None = None) -> str:
    """The zone quiet hours are read in: the person's own, else their clinic's."""
    pref = pref if pref is not None else preference_of(user)
    return pref.timezone or default_timezone_for(user.clinic)


def deliveries_due(now: dt.datetime) -> list[Delivery]:
    """Deferred and failed deliveries whose next attempt is due."""
    return list(
        Delivery.objects.select_related("recipient")
        .filter(
            status__in=(DeliveryStatus.DEFERRED, DeliveryStatus.FAILED),
            not_before__isnull=False,
            not_before__lte=now,
        )
        .order_by("not_before")
    )


@dataclass(frozen=True)
class SentTo:
    """Who was reached about something, how and when (for "escalated to X at T")."""

    name: str
    channels: tuple[str, ...]
    at: dt.datetime | None
    delivered: bool


def deliveries_for_key(dedupe_key: str) -> SentTo | None:
    """Summary of the deliveries made under one dedupe key, or None if there were none."""
    rows = list(
        Delivery.objects.select_related("recipient")
        .filter(dedupe_key=dedupe_key)
        .order_by("created_at")
    )
    if not rows:
        return None
    sent = [r for r in rows if r.status == DeliveryStatus.SENT]
    first = rows[0]
    return SentTo(
        name=first.recipient.full_name or first.recipient.email,
        channels=tuple(r.get_channel_display() for r in (sent or rows)),
        at=min((r.sent_at for r in sent if r.sent_at), default=first.created_at),
        delivered=bool(sent),
    )
