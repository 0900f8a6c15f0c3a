from __future__ import annotations

from typing import Any

import pytest

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User

from ...conftest import World
from .worlds import Pair, measured_pair


@pytest.fixture
def pair(world: World) -> Pair:
    """The world's own patient with two measured front-view sessions."""
    return measured_pair(world.own.patient)


def actor(user: User | None, channel: str = "web") -> Actor:
    return Actor(user, channel, "10.0.0.9", "pytest")


@pytest.fixture
def act() -> Any:
    return actor
