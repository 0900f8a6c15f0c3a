"""Wagtail's admin at /cms/, open only to clinic staff (and platform operators).

Wagtail itself lets in whoever has its ``access_admin`` permission (the "Site editors"
group gives it). This guard also refuses anyone signed in who is not clinic staff, so a
patient never reaches the admin even if put in that group by mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

View = Callable[..., HttpResponse]


def may_enter_cms(user: Any) -> bool:
    """Clinic staff and platform operators; never a patient or an inactive account."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or user.is_clinic_staff)


def staff_only(view: View) -> View:
    """Refuse signed-in people who are not clinic staff; the anonymous go on to Wagtail,
    which sends them to the sign-in page."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not may_enter_cms(user):
            raise PermissionDenied("Only the clinic's site editors can open the site editor.")
        return view(request, *args, **kwargs)

    return guarded


def cms_urlpatterns() -> list[URLPattern | URLResolver]:
    patterns: list[URLPattern | URLResolver] = list(wagtailadmin_urls.urlpatterns)
    decorate_urlpatterns(patterns, staff_only)
    return patterns
