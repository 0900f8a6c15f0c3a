"""The refusals of the consultation services."""

from __future__ import annotations

from hipdip.web.core.errors import Conflict, DomainError


class AnswersInvalid(DomainError):
    """Answers that cannot be stored or sent; ``details`` maps question names to messages."""

    status_code = 422
    code = "invalid_answers"


class StaleVersion(Conflict):
    """The intake changed since the form was opened; nothing was saved."""

    code = "stale_version"
