"""Times ago in plain words: under a minute is "just now", never "0 minutes ago"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from hipdip.web.accounts.models import User
from hipdip.web.core.templatetags.when import ago
from hipdip.web.leads.models import Lead

from .conftest import World


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0, "just now"),
        (59, "just now"),
        (-5, "just now"),
        (60, "1 minute ago"),
        (7260, "2 hours, 1 minute ago"),
    ],
)
def test_ago_says_just_now_under_a_minute(seconds: int, words: str) -> None:
    now = timezone.now()
    assert ago(now - dt.timedelta(seconds=seconds), now).replace("\xa0", " ") == words


def test_ago_of_nothing_is_empty() -> None:
    assert ago(None) == ""


@pytest.mark.django_db
def test_the_staff_home_says_just_now_for_a_lead_that_just_came_in(
    world: World, web_client: Callable[[User | None], Client]
) -> None:
    Lead.objects.create(
        clinic=world.surgeon.clinic,
        name="Lena Lead",
        email="lena@example.com",
        interest="surgery",
        consent_at=timezone.now(),
    )
    html = web_client(world.coordinator).get("/staff/").content.decode()
    assert "Lena Lead" in html
    assert "just now" in html and "0 minutes ago" not in html
