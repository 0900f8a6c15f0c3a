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
    """Deferred, failed and stale pending deliveries whose next attempt is due."""
    return list(
        Delivery.objects.select_related("recipient")
        .filter(
            status__in=(DeliveryStatus.DEFERRED, DeliveryStatus.FAILED, DeliveryStatus.PENDING),
            not_before__isnull=False,
            not_before__lte=now,
        )
        .order_by("not_before")
    )


@dataclass(frozen=True)
class SentTo:
    """Who was reached about something, how and when (for "escalated to X at T")."""

    names: tuple[str, ...]
    channels: tuple[str, ...]
    at: dt.datetime
    delivered: bool


def deliveries_summary(key_prefix: str) -> SentTo | None:
    """Summary of the deliveries whose dedupe key starts with ``key_prefix`` (None if
    there were none): who, on which channels, when the first went out, and whether any
    was delivered."""
    rows = list(
        Delivery.objects.select_related("recipient")
        .filter(dedupe_key__startswith=key_prefix)
        .order_by("created_at")
    )
    if not rows:
        return None
    sent = [r for r in rows if r.status == DeliveryStatus.SENT]
    shown = sent or rows
    return SentTo(
        names=tuple(dict.fromkeys(r.recipient.full_name or r.recipient.email for r in shown)),
        channels=tuple(dict.fromkeys(r.get_channel_display() for r in shown)),
        at=min((r.sent_at for r in sent if r.sent_at), default=rows[0].created_at),
        delivered=bool(sent),
    )


def in_quiet_hours(user: User, now: dt.datetime) -> bool:
    """Whether ``now`` falls in the person's quiet hours (their zone, else the clinic's)."""
    from hipdip.web.notifications.quiet import quiet_until

    pref = preference_of(user)
    hours = pref.quiet_hours
    if hours is None:
        return False
    zone = timezone_of(user, pref)
    return quiet_until(now, start=hours[0], end=hours[1], zone=zone) is not None
