"""Small formatting filters for plan pages and documents."""

from __future__ import annotations

from typing import Any

from django import template

from hipdip.web.plans.selectors import plane_label as _plane_label

register = template.Library()


@register.filter
def plane_label(value: str) -> str:
    return _plane_label(value)


@register.filter
def pct(value: Any) -> str:
    try:
        return f"{float(value):.0%}"
    except (TypeError, ValueError):
        return ""


@register.filter
def minutes(value: Any) -> str:
    """90 -> "1 h 30 min"."""
    try:
        total = int(value)
    except (TypeError, ValueError):
        return ""
    hours, mins = divmod(total, 60)
    if not hours:
        return f"{mins} min"
    return f"{hours} h {mins:02d} min" if mins else f"{hours} h"


@register.filter
def isodate(value: Any) -> str:
    """An ISO date string as "3 March 2025"."""
    import datetime as dt

    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    return f"{day.day} {day:%B %Y}"


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """``mapping[key]`` in a template (None when absent)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
