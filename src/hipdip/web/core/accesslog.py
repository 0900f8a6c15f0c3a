"""`hipdip serve`'s access log as JSON when ``HIPDIP_LOG_FORMAT=json``.

In plain mode gunicorn writes its usual line through
:func:`hipdip.web.core.logscrub.scrubbing_gunicorn_logger`. In JSON mode a log collector
needs one JSON object per line from every part of the server, so gunicorn's access and
error logs use the JSON formatter of ``LOGGING`` (the one every Django, Celery and app
record goes through). An access record holds the method, the path (scrubbed of link
secrets like every other log line), the status, the duration, the bytes sent and the
request id the response was given; never the query string, headers, the client's address
or any body.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from hipdip.web.core.logscrub import ScrubSecretsFilter, scrub, scrubbing_gunicorn_logger
from hipdip.web.core.requestid import HEADER, RequestIdFilter


def json_formatter() -> logging.Formatter:
    """The JSON formatter of ``LOGGING`` (``formatters.json``), built the way dictConfig
    builds it, so gunicorn's lines have the same fields as the rest."""
    spec = dict(settings.LOGGING["formatters"]["json"])
    factory = import_string(spec.pop("()"))
    fmt = spec.pop("format", None)
    formatter: logging.Formatter = factory(fmt, **spec)
    return formatter


def access_fields(resp: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
    """What one access record says about a request (see the module's docstring)."""
    status = resp.status
    if isinstance(status, str):
        status = status.split(None, 1)[0]
    headers = resp.headers.items() if hasattr(resp.headers, "items") else resp.headers
    request_id = next((v for k, v in headers if k.lower() == HEADER.lower()), "-")
    sent = getattr(resp, "sent", None)
    return {
        "method": environ.get("REQUEST_METHOD", "-"),
        "path": scrub(environ.get("PATH_INFO") or "/"),
        "status": int(status) if str(status).isdigit() else status,
        "duration_ms": round(request_time.total_seconds() * 1000, 1),
        "bytes": sent,
        "request_id": request_id,
    }


def json_gunicorn_logger() -> type:
    """gunicorn's logger writing JSON records (gunicorn is imported lazily, as in
    :func:`scrubbing_gunicorn_logger`)."""
    base = scrubbing_gunicorn_logger()

    class JsonGunicornLogger(base):  # type: ignore[misc,valid-type]
        def setup(self, cfg: Any) -> None:
            super().setup(cfg)
            formatter = json_formatter()
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    if getattr(handler, "_gunicorn", False):
                        handler.setFormatter(formatter)
                        handler.addFilter(ScrubSecretsFilter())
                        handler.addFilter(RequestIdFilter())

        def access(self, resp: Any, req: Any, environ: Any, request_time: Any) -> None:
            if not self.access_log_enabled:
                return
            try:
                fields = access_fields(resp, environ, request_time)
                self.access_log.info(
                    "%s %s %s", fields["method"], fields["path"], fields["status"], extra=fields
                )
            except Exception:  # a log line must never fail the request
                self.error(traceback.format_exc())

    return JsonGunicornLogger
