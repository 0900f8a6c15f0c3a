"""Filters for the PDF template."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def css_string(value: Any) -> SafeString:
    """``value`` as a quoted CSS string (for ``content:`` in page margins)."""
    text = str(value or "")
    escaped = "".join(f"\\{ord(ch):x} " if ch in '"\\<>&' or ord(ch) < 32 else ch for ch in text)
    return mark_safe(f'"{escaped}"')


@register.filter
def source_ref(sources: Any, source_id: str) -> str:
    """The citation number ``[n]`` of ``source_id`` in the record's numbered sources (the
    list the PDF prints at its end), so no internal source id reaches the page."""
    for number, (sid, _citation) in enumerate(sources, start=1):
        if sid == source_id:
            return f"[{number}]"
    return ""
