"""Keep secrets that travel in URLs out of every log line.

Calendar-feed links, password-reset, sign-up and invitation links carry their secret in the path,
and an API token can end up in a query string or a header; anyone who reads the logs could
use them. :func:`scrub` replaces them with ``[redacted]`` and keeps the rest of the line,
so a log still says which kind of page was asked for. It is applied by
:class:`ScrubSecretsFilter` on the console handler of ``LOGGING`` (every Django, Celery
and app record) and by :class:`ScrubbingGunicornLogger` to ``hipdip serve``'s access log.
"""

from __future__ import annotations

import logging
import re
from typing import Any

REDACTED = "[redacted]"
#: A path segment or a query value: up to the next separator or quote.
_SEG = r"[^/\s?#&\"']+"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # /calendar/<token>.ics (recovery:calendar_feed)
    (re.compile(rf"(/calendar/){_SEG}?(\.ics)"), rf"\1{REDACTED}\2"),
    # /accounts/password-reset/<uidb64>/<token>/ (accounts:password_reset_confirm)
    (re.compile(rf"(/accounts/password-reset/){_SEG}/{_SEG}"), rf"\1{REDACTED}"),
    # /accounts/signup/confirm/<uidb64>/<token>/ (accounts:signup_confirm)
    (re.compile(rf"(/accounts/signup/confirm/){_SEG}/{_SEG}"), rf"\1{REDACTED}"),
    # /accounts/invitation/<token>/ (accounts:invitation)
    (re.compile(rf"(/accounts/invitation/){_SEG}"), rf"\1{REDACTED}"),
    # API bearer tokens wherever they appear (header, query, body echo).
    (re.compile(r"\bhd_[A-Za-z0-9_\-]{8,}"), f"hd_{REDACTED}"),
    # Anything that looks like a secret in a query string.
    (
        re.compile(rf"([?&](?:token|key|code|secret|password|signature)=){_SEG}", re.I),
        rf"\1{REDACTED}",
    ),
)


def scrub(text: str) -> str:
    """`text` with every link secret and API token replaced by ``[redacted]``."""
    if "/" not in text and "hd_" not in text and "=" not in text:
        return text
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class ScrubSecretsFilter(logging.Filter):
    """A handler filter: the record's message, once formatted, is scrubbed."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def _scrub_value(value: Any) -> Any:
    return scrub(value) if isinstance(value, str) else value


def scrubbing_gunicorn_logger() -> type:
    """gunicorn's logger with every access-log field scrubbed (imported lazily: Django's
    settings load this module, and gunicorn is only needed by `hipdip serve`)."""
    from gunicorn.glogging import Logger

    class ScrubbingGunicornLogger(Logger):  # type: ignore[misc]
        def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
            atoms = super().atoms(resp, req, environ, request_time)
            return {key: _scrub_value(value) for key, value in atoms.items()}

    return ScrubbingGunicornLogger
