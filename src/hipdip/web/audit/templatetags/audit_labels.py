"""``{{ event.action|action_label }}``: the plain words for an audit action code."""

from __future__ import annotations

from django import template

from hipdip.web.audit.labels import action_label as _action_label

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    return _action_label(str(code or ""))
