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


class OverrideRequired(Conflict):
    """The record fails a safety check nobody with the authority has overridden."""

    code = "override_required"


class NotApproved(Conflict):
    code = "plan_not_approved"
