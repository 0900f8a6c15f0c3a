"""notify(): channels, dedupe, quiet hours, failures and retries, with an injected now."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from hipdip.web.notifications import sms
from hipdip.web.notifications.models import (
    ChannelChoice,
    Delivery,
    DeliveryStatus,
    NotificationPreference,
)
from hipdip.web.notifications.services import deliveries_send_due, notify

from ..factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
NIGHT = dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC)
PHONE = "+44 7911 123456"


def _prefs(user, **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("timezone", "Europe/London")
    return NotificationPreference.objects.create(user=user, **kw)


def _send(user, now=NOON, **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("kind", "message")
    kw.setdefault("subject", "You have a new message")
    kw.setdefault("text", "Your clinic sent you a message. Sign in to read it.")
    kw.setdefault("link", "https://clinic.example/messages/")
    return notify(recipient=user, now=now, **kw)


def test_email_by_default_recorded_without_the_body() -> None:
    user = UserFactory()
    [delivery] = _send(user, dedupe_key="msg:1")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "https://clinic.example/messages/" in mail.outbox[0].body
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.channel) == ("sent", 1, "email")
    assert delivery.sent_at == NOON
    assert delivery.body == ""


def test_same_dedupe_key_sends_once() -> None:
    user = UserFactory()
    _send(user, dedupe_key="msg:1")
    again = _send(user, dedupe_key="msg:1", now=NOON + dt.timedelta(hours=1))
    assert len(mail.outbox) == 1
    assert Delivery.objects.count() == 1
    assert again[0].sent_at == NOON


def test_both_channels_text_goes_to_the_number_without_the_subject_line() -> None:
    user = UserFactory()
    _prefs(user, channels=ChannelChoice.BOTH, phone=PHONE)
    deliveries = _send(user)
    assert sorted(d.channel for d in deliveries) == ["email", "text"]
    assert len(mail.outbox) == 1
    assert [t.to for t in sms.outbox] == ["+447911123456"]
    assert sms.outbox[0].text.endswith("https://clinic.example/messages/")
    assert len(sms.outbox[0].text) <= 306


def test_text_chosen_without_a_number_falls_back_to_email() -> None:
    user = UserFactory()
    _prefs(user, channels=ChannelChoice.TEXT)
    [delivery] = _send(user)
    assert delivery.channel == "email"
    assert sms.outbox == []


def test_quiet_hours_defer_then_send_when_they_end() -> None:
    user = UserFactory()
    _prefs(user, quiet_start=dt.time(22, 0), quiet_end=dt.time(7, 0))
    [delivery] = _send(user, now=NIGHT)
    assert delivery.status == DeliveryStatus.DEFERRED
    assert delivery.not_before == dt.datetime(2026, 12, 2, 7, 0, tzinfo=dt.UTC)  # London = UTC
    assert mail.outbox == []

    assert deliveries_send_due(now=NIGHT + dt.timedelta(hours=2))["sent"] == 0
    assert mail.outbox == []
    counts = deliveries_send_due(now=dt.datetime(2026, 12, 2, 7, 1, tzinfo=dt.UTC))
    assert counts["sent"] == 1
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.body) == ("sent", "")


def test_quiet_hours_are_read_in_the_persons_time_zone() -> None:
    user = UserFactory()
    # 23:30 UTC is 08:30 in Tokyo: outside 22:00-07:00 there.
    _prefs(user, quiet_start=dt.time(22, 0), quiet_end=dt.time(7, 0), timezone="Asia/Tokyo")
    [delivery] = _send(user, now=NIGHT)
    assert delivery.status == DeliveryStatus.SENT


def test_urgent_is_not_deferred_and_uses_every_channel() -> None:
    surgeon = StaffFactory(role="surgeon")
    _prefs(surgeon, phone=PHONE, quiet_start=dt.time(22, 0), quiet_end=dt.time(7, 0))
    deliveries = _send(surgeon, now=NIGHT, urgent=True, kind="escalation")
    assert sorted((d.channel, d.status) for d in deliveries) == [
        ("email", "sent"),
        ("text", "sent"),
    ]
    assert len(mail.outbox) == 1
    assert len(sms.outbox) == 1


def test_failed_send_is_recorded_and_retried_with_back_off(settings) -> None:  # type: ignore[no-untyped-def]
    settings.HIPDIP_SMS_BACKEND = "failing"
    user = UserFactory()
    _prefs(user, channels=ChannelChoice.TEXT, phone=PHONE)
    [delivery] = _send(user, dedupe_key="k")
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert delivery.error.startswith("ConnectionError")
    assert delivery.not_before == NOON + dt.timedelta(minutes=5)

    assert deliveries_send_due(now=NOON + dt.timedelta(minutes=4)) == {
        "sent": 0,
        "failed": 0,
        "deferred": 0,
    }
    assert deliveries_send_due(now=NOON + dt.timedelta(minutes=5))["failed"] == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.not_before == NOON + dt.timedelta(minutes=20)

    settings.HIPDIP_SMS_BACKEND = "locmem"
    assert deliveries_send_due(now=NOON + dt.timedelta(minutes=20))["sent"] == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.error) == ("sent", 3, "")
    assert len(sms.outbox) == 1


def test_gives_up_after_the_last_attempt(settings) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "hipdip.web.notifications.testing.FailingEmailBackend"
    user = UserFactory()
    [delivery] = _send(user)
    now = NOON
    for _ in range(10):
        now += dt.timedelta(hours=5)
        deliveries_send_due(now=now)
    delivery.refresh_from_db()
    assert delivery.status == "failed"
    assert delivery.attempts == 5
    assert delivery.not_before is None


def test_inactive_person_gets_nothing() -> None:
    user = UserFactory(is_active=False)
    assert _send(user) == []
    assert mail.outbox == []
