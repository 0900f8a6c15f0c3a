"""Production: HTTPS only, secure cookies, HSTS; refuses to start without its secrets.

Required: `DJANGO_SECRET_KEY` (at least 50 random characters: not Django's
`django-insecure-` development key, not a placeholder) and `DJANGO_ALLOWED_HOSTS` (the
site's real host names; `*` is refused).
Usually also `DATABASE_URL` (PostgreSQL), `CELERY_BROKER_URL`, `CACHE_URL` (Redis),
`EMAIL_URL` and `HIPDIP_SITE_URL`.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from hipdip.web.settings.base import *  # noqa: F403
from hipdip.web.settings.base import env

#: Words that mark a key copied from an example rather than generated.
_PLACEHOLDER_WORDS = ("insecure", "changeme", "change-me", "change_me", "example", "placeholder")
_NEW_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(50))"'


def _weak_secret_key(key: str) -> str | None:
    """Why `key` is not fit for production, or None. Stricter than Django's deploy check
    (50+ characters, 5+ distinct, no `django-insecure-`), which only warns."""
    if len(key) < 50:
        return "must be set to a random string of at least 50 characters"
    if key.startswith("django-insecure-"):
        return "is Django's development key (django-insecure-...)"
    if len(set(key)) < 10:
        return "has too few distinct characters to be random"
    if any(word in key.lower() for word in _PLACEHOLDER_WORDS):
        return "looks like a placeholder"
    return None


SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if (problem := _weak_secret_key(SECRET_KEY)) is not None:
    raise ImproperlyConfigured(f"DJANGO_SECRET_KEY {problem}; make one with {_NEW_KEY}.")
ALLOWED_HOSTS = [host.strip() for host in env.list("DJANGO_ALLOWED_HOSTS", default=[])]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must list the host names this site answers to, "
        "e.g. DJANGO_ALLOWED_HOSTS=clinic.example.com"
    )
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must not contain '*': name the site's hosts "
        "(a leading dot, as in .example.com, allows its subdomains)."
    )

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Load balancers often probe over plain HTTP inside the network: /health/ answers there.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
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
