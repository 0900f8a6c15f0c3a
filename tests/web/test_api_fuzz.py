"""Contract fuzzing of the JSON API with schemathesis, against /api/openapi.json, as clinic
staff and as a patient: no answer is a server error, every status code is documented,
every answer matches its documented schema and content type.

Short in the normal suite (HIPDIP_API_FUZZ_EXAMPLES examples per operation and token, 3 by
default); set it to e.g. 100 for a nightly-size run.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.services import api_token_create

from .conftest import World

EXAMPLES = int(os.environ.get("HIPDIP_API_FUZZ_EXAMPLES", "3"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_connection() -> Iterator[None]:
    """The WSGI handler closes the database connection after each request; the test's
    transaction must survive it (Django's own test client does the same)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _real_ids(world: World) -> dict[str, str]:
    """Ids of objects the staff member and the patient may see, for half of the cases."""
    record = world.own
    return {
        "patient_id": str(record.patient.pk),
        "session_id": str(record.session.pk),
        "photo_id": str(record.done.pk),
    }


@pytest.mark.django_db
# The WSGI test client reads streamed files without closing them; not the app's leak.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.parametrize("role", ["clinic_admin", "patient"])
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_contract(
    case: Any, role: str, world: World, fake_analysis: list[str], keep_connection: None
) -> None:
    user = getattr(world, role)
    _, token = api_token_create(actor=Actor(user, "api"), user=user)
    params = case.path_parameters or {}
    ids = _real_ids(world)
    for name, value in list(params.items()):
        # Half the cases use an object that exists (the deeper paths), half a made-up id.
        if name in ids and zlib.crc32(str(value).encode()) % 2 == 0:
            params[name] = ids[name]
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
