"""Quiet hours: when a person does not want everyday messages, in their own time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def quiet_until(now: dt.datetime, *, start: dt.time, end: dt.time, zone: str) -> dt.datetime | None:
    """The moment the quiet period containing ``now`` ends (aware, UTC), or None if
    ``now`` is outside quiet hours. ``start`` > ``end`` means the period spans midnight
    (22:00-07:00); ``start`` is inside the period, ``end`` is not."""
    tz = ZoneInfo(zone)
    local = now.astimezone(tz)
    t = local.time().replace(tzinfo=None)
    if start < end:
        inside = start <= t < end
        end_day = local.date()
    else:
        inside = t >= start or t < end
        end_day = local.date() + dt.timedelta(days=1) if t >= start else local.date()
    if not inside:
        return None
    return dt.datetime.combine(end_day, end, tzinfo=tz).astimezone(dt.UTC)
