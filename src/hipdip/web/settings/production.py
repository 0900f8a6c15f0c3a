"""Production: HTTPS only, secure cookies, HSTS; refuses to start without its secrets.

Required: `DJANGO_SECRET_KEY` (at least 50 characters) and `DJANGO_ALLOWED_HOSTS`.
Usually also `DATABASE_URL` (PostgreSQL), `CELERY_BROKER_URL`, `CACHE_URL` (Redis),
`EMAIL_URL` and `HIPDIP_SITE_URL`.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from hipdip.web.settings.base import *  # noqa: F403
from hipdip.web.settings.base import env

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random string of at least 50 characters "
        '(python -c "import secrets; print(secrets.token_urlsafe(50))").'
    )
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must list the host names this site answers to, "
        "e.g. DJANGO_ALLOWED_HOSTS=clinic.example.com"
    )

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    # Only when a proxy you control terminates TLS and always sets this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not SECURE_HSTS_PRELOAD:
    # Joining the browsers' preload list is a one-way decision for the whole domain; it is
    # the operator's to make (DJANGO_SECURE_HSTS_PRELOAD=1), so its reminder is silenced.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
