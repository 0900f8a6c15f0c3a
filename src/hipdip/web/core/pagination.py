"""The API's one pagination: `?limit=&offset=` with documented bounds.

Out-of-range values (a zero or negative limit, more than :data:`API_MAX_LIMIT`, an offset
past :data:`API_MAX_OFFSET`, a number too large for the database) answer 422 in the API's
error shape instead of reaching the database. The bounds are part of the API contract, so
they are constants here (and in the OpenAPI schema), not settings.
"""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

#: Items per page when `limit` is not given.
API_DEFAULT_LIMIT = 50
#: The largest page a client may ask for.
API_MAX_LIMIT = 200
#: The largest offset; far beyond any clinic's records, far below the database's integers.
API_MAX_OFFSET = 1_000_000_000


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """ninja's limit/offset pagination with both numbers bounded and described."""

    class Input(Schema):
        limit: int = Field(
            API_DEFAULT_LIMIT,
            ge=1,
            le=API_MAX_LIMIT,
            description=f"Items per page: 1 to {API_MAX_LIMIT} (default {API_DEFAULT_LIMIT}).",
        )
        offset: int = Field(
            0, ge=0, le=API_MAX_OFFSET, description="Items to skip from the start of the list."
        )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=API_MAX_LIMIT, **kwargs)
