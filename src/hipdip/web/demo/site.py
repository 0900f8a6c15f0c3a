"""The demo clinic's public site: the starter articles, written up by the demo surgeon,
and the demo coordinator and admin as site editors."""

from __future__ import annotations

from hipdip.web.accounts.models import User
from hipdip.web.articles.services import (
    StarterResult,
    site_editors_group_ensure,
    starter_content_install,
)


def demo_site(*, staff: dict[str, User]) -> StarterResult:
    surgeon = staff["surgeon@example.com"]
    # In the demo the surgeon stands as reviewer; a real clinic sets it after reading them.
    result = starter_content_install(author=surgeon, reviewer=surgeon)
    editors = site_editors_group_ensure()
    for email in ("coordinator@example.com", "admin@example.com"):
        staff[email].groups.add(editors)
    return result
