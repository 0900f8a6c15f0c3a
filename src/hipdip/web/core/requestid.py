"""A request id on every log line of a request, and on the response (`X-Request-ID`), so an
operator can follow one request across the log of every web process.

The id comes from the load balancer's `X-Request-ID` when it looks like one (8-64 letters,
digits, `.`, `_`, `-`), else a new random one. It says nothing about the person or the
patient. Log lines outside a request carry `-`.
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_current: contextvars.ContextVar[str] = contextvars.ContextVar("hipdip_request_id", default="-")


def current_request_id() -> str:
    """The id of the request being served in this thread or task, or `-`."""
    return _current.get()


class RequestIdMiddleware:
    """Give each request an id for its log lines and answer it in `X-Request-ID`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get(HEADER, "")
        request_id = given if _VALID.match(given) else uuid.uuid4().hex
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """A handler filter: puts the current request id on the record as `request_id`."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _current.get()
        return True
