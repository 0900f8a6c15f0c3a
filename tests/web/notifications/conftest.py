from __future__ import annotations

from collections.abc import Iterator

import pytest

from hipdip.web.notifications import sms


@pytest.fixture(autouse=True)
def _texts() -> Iterator[list[sms.SentText]]:
    """The locmem text-message outbox, empty for each test."""
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()
