"""``{% results_publish_panel user before after view %}``: on a comparison page, the
surgeon's button to publish it on /results/ (or withdraw it). The comparison lives in the
assessments app below; this panel is drawn by the results app above it."""

from __future__ import annotations

from typing import Any

from django import template

from hipdip.web.accounts.models import Role, User
from hipdip.web.assessments.models import PhotoSession
from hipdip.web.results.models import ResultPublication

register = template.Library()


@register.inclusion_tag("results/_publish_panel.html")
def results_publish_panel(
    user: User, before: PhotoSession, after: PhotoSession, view: str
) -> dict[str, Any]:
    live = ResultPublication.objects.filter(
        before=before, after=after, view=view, withdrawn_at__isnull=True
    ).first()
    return {
        "is_surgeon": getattr(user, "role", None) == Role.SURGEON,
        "live": live,
        "before": before,
        "after": after,
        "view": view,
    }
