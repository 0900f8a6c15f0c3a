"""The refusals of the plan services."""

from __future__ import annotations

from hipdip.web.core.errors import Conflict, DomainError


class ChoicesInvalid(DomainError):
    status_code = 422
    code = "invalid_plan"


class StaleVersion(Conflict):
    code = "stale_version"


class NotAllowed(DomainError):
    status_code = 403
    code = "forbidden"
