"""Sign-in and password-reset rate limiting: attackers are slowed, never the person who
holds the right password (issue 14, finding 5)."""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from django.core import mail
from django.core.cache import caches
from django.test import Client

from hipdip.web.accounts import throttle
from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.accounts.services import user_authenticate
from hipdip.web.core.errors import DomainError, Throttled

from ..conftest import World
from ..factories import PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER = Actor(user=None, channel="web", ip="198.51.100.66")
HOME = Actor(user=None, channel="web", ip="203.0.113.7")
CLINIC_NAT = Actor(user=None, channel="web", ip="192.0.2.10")


class Clock:
    """A stand-in for the time module that only moves when told to."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(throttle, "time", fake)
    return fake


def _fail(actor: Actor, email: str) -> None:
    with pytest.raises(DomainError) as err:
        user_authenticate(actor=actor, email=email, password="a-wrong-guess")
    assert err.value.code == "invalid_credentials"


def _sign_in(actor: Actor, user: User) -> User:
    return user_authenticate(actor=actor, email=user.email, password=PASSWORD)


def test_failures_from_another_address_do_not_lock_out_the_account_holder(
    world: World, clock: Clock
) -> None:
    for _ in range(5):
        _fail(ATTACKER, world.surgeon.email)
    for _ in range(15):
        with pytest.raises(Throttled):
            _sign_in(ATTACKER, world.surgeon)
        clock.advance(throttle.login_wait_seconds(email=world.surgeon.email, ip=ATTACKER.ip))
        _fail(ATTACKER, world.surgeon.email)
    # Twenty wrong guesses from elsewhere: the surgeon signs in from home at once.
    assert _sign_in(HOME, world.surgeon) == world.surgeon
    # The attacker is still paused, even with the right password.
    with pytest.raises(Throttled):
        _sign_in(ATTACKER, world.surgeon)


def test_failures_from_one_address_back_off_exponentially_up_to_a_cap(
    world: World, clock: Clock, settings: Any
) -> None:
    settings.HIPDIP_LOGIN_MAX_FAILURES = 5
    settings.HIPDIP_LOGIN_BACKOFF_MAX_SECONDS = 900
    email = world.patient.email
    for _ in range(4):
        _fail(HOME, email)
    assert throttle.login_wait_seconds(email=email, ip=HOME.ip) == 0
    waits = []
    for _ in range(13):
        _fail(HOME, email)
        wait = throttle.login_wait_seconds(email=email, ip=HOME.ip)
        waits.append(wait)
        with pytest.raises(Throttled):
            _sign_in(HOME, world.patient)
        clock.advance(wait)
    assert waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]
    # Once the pause is over, the right password works and the count starts again.
    assert _sign_in(HOME, world.patient) == world.patient
    assert throttle.login_wait_seconds(email=email, ip=HOME.ip) == 0


def test_a_whole_clinic_behind_one_address_is_not_locked_out_by_one_guesser(
    world: World, clock: Clock, settings: Any
) -> None:
    settings.HIPDIP_LOGIN_MAX_FAILURES_PER_IP = 30
    # The coordinator works from the clinic's network every day.
    assert _sign_in(CLINIC_NAT, world.coordinator) == world.coordinator
    for n in range(30):
        _fail(CLINIC_NAT, f"guess{n}@example.com")
    # Someone on the same network guessed thirty accounts: the coordinator still signs in.
    assert _sign_in(CLINIC_NAT, world.coordinator) == world.coordinator
    # An account never used from this address is paused for it, so spraying stays slow.
    with pytest.raises(Throttled):
        _sign_in(CLINIC_NAT, world.surgeon)
    assert _sign_in(HOME, world.surgeon) == world.surgeon


def test_many_addresses_guessing_one_account_pause_only_unknown_addresses(
    world: World, clock: Clock, settings: Any
) -> None:
    settings.HIPDIP_LOGIN_MAX_FAILURES_PER_EMAIL = 10
    assert _sign_in(HOME, world.surgeon) == world.surgeon
    for n in range(10):
        _fail(Actor(user=None, channel="web", ip=f"198.51.100.{n + 1}"), world.surgeon.email)
    with pytest.raises(Throttled):
        _sign_in(Actor(user=None, channel="web", ip="198.51.100.200"), world.surgeon)
    assert _sign_in(HOME, world.surgeon) == world.surgeon


def test_a_password_reset_lifts_the_pause_on_new_addresses(
    world: World, clock: Clock, settings: Any
) -> None:
    settings.HIPDIP_LOGIN_MAX_FAILURES_PER_EMAIL = 10
    for n in range(10):
        _fail(Actor(user=None, channel="web", ip=f"198.51.100.{n + 1}"), world.patient.email)
    client = Client(REMOTE_ADDR="203.0.113.50")
    client.post("/accounts/password-reset/", {"email": world.patient.email})
    link = mail.outbox[-1].body.split("http://testserver", 1)[1].split()[0]
    url = client.get(link, follow=True).redirect_chain[-1][0]
    new_password = "fresh-long-pass-31"
    client.post(url, {"new_password1": new_password, "new_password2": new_password})
    new_home = Actor(user=None, channel="web", ip="203.0.113.50")
    user = user_authenticate(
        actor=new_home, email=world.patient.email, password="fresh-long-pass-31"
    )
    assert user == world.patient


def test_password_reset_emails_are_limited_per_account(world: World, settings: Any) -> None:
    settings.HIPDIP_PASSWORD_RESET_MAX_PER_EMAIL = 3
    client = Client()
    answers = [
        client.post("/accounts/password-reset/", {"email": world.patient.email}) for _ in range(10)
    ]
    # Ten requests in a second send three emails, and every answer looks the same.
    assert len(mail.outbox) == 3
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, "/accounts/password-reset/sent/")
    }


def test_password_reset_requests_are_limited_per_address(world: World, settings: Any) -> None:
    settings.HIPDIP_PASSWORD_RESET_MAX_PER_IP = 5
    client = Client()
    for n in range(5):
        answer = client.post("/accounts/password-reset/", {"email": f"who{n}@example.com"})
        assert answer.status_code == 302
    answer = client.post("/accounts/password-reset/", {"email": world.patient.email})
    assert answer.status_code == 429
    assert b"Too many password reset requests" in answer.content
    assert mail.outbox == []
    # Another address is not affected.
    other = Client(REMOTE_ADDR="198.51.100.9")
    assert (
        other.post("/accounts/password-reset/", {"email": world.patient.email}).status_code == 302
    )
    assert len(mail.outbox) == 1


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def redis_cache(settings: Any) -> Iterator[str]:
    """The cache is Redis, as on several web processes: the counts must live there."""
    if not _redis_reachable():
        if os.environ.get("HIPDIP_REQUIRE_SERVICES"):
            pytest.fail("Redis is not reachable at 127.0.0.1:6379")
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")
    prefix = f"hipdip-test-{secrets.token_hex(6)}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/13",
            "KEY_PREFIX": prefix,
        }
    }
    yield prefix
    client = redis.Redis.from_url("redis://127.0.0.1:6379/13")
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_the_counts_live_in_the_shared_cache_not_in_the_process(
    world: World, redis_cache: str
) -> None:
    for _ in range(5):
        _fail(ATTACKER, world.surgeon.email)
    # What another web process would see: a fresh connection to the same Redis.
    caches.close_all()
    stored = redis.Redis.from_url("redis://127.0.0.1:6379/13").keys(f"{redis_cache}:*")
    assert stored, "the failures are not in Redis"
    assert throttle.login_wait_seconds(email=world.surgeon.email, ip=ATTACKER.ip) > 0
    with pytest.raises(Throttled):
        _sign_in(ATTACKER, world.surgeon)
    assert _sign_in(HOME, world.surgeon) == world.surgeon
