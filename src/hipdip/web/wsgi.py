"""WSGI entry point (`hipdip serve` runs it under gunicorn)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hipdip.web.settings.local")

application = get_wsgi_application()

from hipdip.web.core.heap import settle_heap  # noqa: E402 - needs Django set up

settle_heap()  # short full garbage collections (see hipdip.web.core.heap)
