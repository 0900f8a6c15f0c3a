"""Request-size limit, security headers that Django does not set by itself, and no caching
of anything personal."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers


def _policy(style_src: str, script_src: str = "'self'", frame_ancestors: str = "'none'") -> str:
    return "; ".join(
        (
            "default-src 'self'",
            "img-src 'self' data: blob:",
            f"style-src {style_src}",
            f"script-src {script_src}",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        )
    )


#: Our own pages load scripts, styles and pictures from this site only: no inline scripts,
#: no inline styles. (Blob images are the upload previews.)
CONTENT_SECURITY_POLICY = _policy("'self'")
#: Django's admin and the Swagger UI of /api/docs set inline style attributes.
RELAXED_STYLE_POLICY = _policy("'self' 'unsafe-inline'")
RELAXED_PREFIXES = ("/admin/", "/api/docs")
#: Wagtail's editor (/cms/, staff only) also starts its widgets with inline scripts and
#: shows the live preview of a page in a frame of its own.
CMS_POLICY = _policy("'self' 'unsafe-inline'", "'self' 'unsafe-inline'", "'self'")
CMS_PREFIX = "/cms/"


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(CMS_PREFIX):
            policy = CMS_POLICY
        elif request.path.startswith(RELAXED_PREFIXES):
            policy = RELAXED_STYLE_POLICY
        else:
            policy = CONTENT_SECURITY_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(self), geolocation=(), microphone=(), payment=()"
        )
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is larger than HIPDIP_MAX_REQUEST_BYTES before
    anything reads it (the reverse proxy should enforce the same limit)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = settings.HIPDIP_MAX_REQUEST_BYTES
        if declared > limit:
            message = f"The request is larger than the {limit // (1024 * 1024)} MB limit."
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"error": {"code": "payload_too_large", "message": message, "details": None}},
                    status=413,
                )
            response = TemplateResponse(request, "413.html", {"message": message}, status=413)
            return response.render()
        return self.get_response(request)


class PrivateNoStoreMiddleware:
    """`Cache-Control: no-store` (with `private`, `no-cache`, `max-age=0`) on every answer
    to a signed-in person and on every API answer, so no browser, proxy or shared cache
    keeps a page or an API answer that may hold health information.

    Rather than listing the pages that show health data (and missing the next one), only
    anonymous pages outside the API stay cacheable: the public site. Static files never get
    here (WhiteNoise answers them first), so they keep their long cache lifetime.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "no-store" in response.get("Cache-Control", ""):
            return response  # the view chose already (photos, PDFs, calendars)
        user = getattr(request, "user", None)
        if (
            (user is not None and user.is_authenticated)
            or request.path.startswith("/api/")
            or "HTTP_AUTHORIZATION" in request.META
        ):
            add_never_cache_headers(response)
        return response
