"""The main menu for the signed-in person's role (a context processor).

It lives at the project level, above every app, because it links to all of them: `core`
stays free of feature imports, and each app that adds entries keeps them in its own
``nav`` module.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from hipdip.web.appointments.nav import appointment_nav_items
from hipdip.web.clinic.selectors import site_profile
from hipdip.web.messaging.nav import message_nav_items
from hipdip.web.recovery.nav import care_nav_items

#: Entries (by key) that sit under "More" in the header rather than on its row: the
#: ones a person uses now and then. The row keeps one line on a 1280 px laptop.
MORE_KEYS = frozenset(
    {
        "invite",
        "team",
        "audit",
        "reminders",
        "notifications",
        "exercises",
        "articles",
        "search",
        "guide",
    }
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    items: list[tuple[str, str, str]] = []
    if user is not None and user.is_authenticated:
        if user.is_clinic_staff:
            items.append(("patients", "Patients", reverse("patients:list")))
            items.append(("invite", "Invite", reverse("patients:invite")))
            items.append(("leads", "Leads", reverse("leads:list")))
        elif user.is_patient:
            items.append(("dashboard", "My measurements", reverse("pages:dashboard")))
        if user.is_clinic_admin:
            items.append(("team", "Team", reverse("accounts:team")))
            items.append(("audit", "Audit log", reverse("clinic:audit_log")))
            items.append(("reminders", "Escalation", reverse("reminders:escalation")))
        if user.is_patient:
            # Staff reach it from their account page: their menu is full already.
            items.append(("notifications", "Notifications", reverse("notifications:preferences")))
    items.extend(appointment_nav_items(user))
    items.extend(care_nav_items(user))
    items.extend(message_nav_items(user))
    if user is None or not getattr(user, "is_clinic_staff", False):
        # Staff reach the articles from the footer: their menu is full already.
        items.append(("articles", "Articles", "/articles/"))
        if user is not None and user.is_authenticated:
            # Signed out, the header has a search box; signed in, its row has no room.
            items.append(("search", "Search articles", "/search/"))
    items.append(("guide", "Photo guide", reverse("pages:guide")))
    match = getattr(getattr(request, "resolver_match", None), "namespace", "") or ""
    signed_in = user is not None and user.is_authenticated
    # Signed out, the few entries all fit on the row; signed in, the occasional ones go
    # under "More" (a native disclosure in the header, a section of the phone menu).
    more = [i for i in items if signed_in and i[0] in MORE_KEYS]
    path = getattr(request, "path", "")
    return {
        "nav_items": [i for i in items if i not in more],
        "nav_more": more,
        "nav_more_active": any(k == match or href == path for k, _, href in more),
        "nav_section": match,
        "site_profile": site_profile(),
    }
