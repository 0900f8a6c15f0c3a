"""Sending to people: :func:`notify` picks the channels, honours quiet hours, never sends
the same thing twice and records every send as a :class:`Delivery`."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.audit.services import audit_record
from hipdip.web.notifications.models import (
    Channel,
    Delivery,
    DeliveryStatus,
    NotificationPreference,
)
from hipdip.web.notifications.phones import normalise_phone, phone_of
from hipdip.web.notifications.quiet import quiet_until
from hipdip.web.notifications.selectors import deliveries_due, preference_of, timezone_of
from hipdip.web.notifications.sms import get_sms_backend

logger = logging.getLogger(__name__)

#: Minutes to wait before the 2nd, 3rd... attempt of a failed delivery; after the last
#: one the delivery stays failed and is not tried again.
RETRY_DELAYS_MINUTES = (5, 15, 60, 240)
MAX_ATTEMPTS = len(RETRY_DELAYS_MINUTES) + 1
#: A text message is cut to this many characters (two SMS segments).
TEXT_MAX = 306


def notify(
    *,
    recipient: User,
    kind: str,
    subject: str,
    text: str,
    link: str = "",
    urgent: bool = False,
    dedupe_key: str = "",
    now: dt.datetime | None = None,
) -> list[Delivery]:
    """Send a message to a person on the channels they chose, and record each send.

    ``subject``, ``text`` and ``link`` MUST carry no health information: no symptoms,
    measurements, procedures, medicines or results. Email and text messages are not
    private channels (a shared inbox, a locked-screen preview). Say that there is something
    to look at ("You have a new message from your clinic") and link to the app, where the
    person signs in to read it. ``text`` is the email body and, with the link, the text
    message (cut to 306 characters).

    - Channels: the person's preference (email, text or both; email when they have none).
      A channel without an address (no email, no valid mobile number) is skipped.
      ``urgent`` (escalations to staff) uses every channel the person can be reached on.
    - Quiet hours: a message that is not ``urgent`` and falls in the person's quiet hours
      (their time zone, else their clinic's) is stored as ``deferred`` and sent by
      :func:`deliveries_send_due` when they end. Urgent messages are never deferred.
    - ``dedupe_key``: a key already used for a channel sends nothing on that channel again
      and returns the earlier delivery, so a job that runs twice sends once.
    - A failed send is recorded (``failed``, the error's type) and retried with back-off by
      :func:`deliveries_send_due`; it never raises to the caller.

    Returns the deliveries of this call, one per channel (empty when the person has no
    usable channel or is inactive). ``now`` is for jobs and tests; it defaults to the clock.
    """
    now = now or timezone.now()
    if not recipient.is_active:
        return []
    pref = preference_of(recipient)
    resume_at = None if urgent else _quiet_until(recipient, pref, now)
    deliveries = []
    for channel, address in _channels(recipient, pref, urgent=urgent):
        delivery, created = _claim(
            recipient=recipient,
            channel=channel,
            address=address,
            kind=kind,
            subject=subject,
            text=text,
            link=link,
            urgent=urgent,
            dedupe_key=dedupe_key,
            now=now,
            resume_at=resume_at,
        )
        if created and delivery.status == DeliveryStatus.PENDING:
            delivery_attempt(delivery=delivery, now=now)
        deliveries.append(delivery)
    return deliveries


def delivery_attempt(*, delivery: Delivery, now: dt.datetime | None = None) -> Delivery:
    """Try to send one delivery now and record the outcome (sent, or failed with the next
    attempt scheduled). The message body is blanked once it is delivered."""
    now = now or timezone.now()
    attempts = delivery.attempts + 1
    try:
        if delivery.channel == Channel.EMAIL:
            _send_email(delivery)
        else:
            get_sms_backend().send(to=delivery.address, text=_text_message(delivery))
    except Exception as exc:  # any backend failure is recorded, never raised to callers
        logger.warning(
            "delivery %s (%s by %s) failed: %s",
            delivery.pk,
            delivery.kind,
            delivery.channel,
            type(exc).__name__,
        )
        retry = attempts < MAX_ATTEMPTS
        fields = {
            "status": DeliveryStatus.FAILED,
            "attempts": attempts,
            "error": f"{type(exc).__name__}: {exc}"[:200],
            "not_before": (
                now + dt.timedelta(minutes=RETRY_DELAYS_MINUTES[attempts - 1]) if retry else None
            ),
            "updated_at": now,
        }
    else:
        fields = {
            "status": DeliveryStatus.SENT,
            "attempts": attempts,
            "error": "",
            "not_before": None,
            "sent_at": now,
            "body": "",
            "updated_at": now,
        }
    Delivery.objects.filter(pk=delivery.pk).update(**fields)
    for name, value in fields.items():
        setattr(delivery, name, value)
    return delivery


def deliveries_send_due(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Send deferred deliveries whose quiet hours are over and retry failed ones whose
    back-off has passed. A deferred delivery that falls into new quiet hours (the person
    changed them) waits again. Returns counts by outcome."""
    now = now or timezone.now()
    counts = {"sent": 0, "failed": 0, "deferred": 0}
    for delivery in deliveries_due(now):
        # Claim it: a second runner at the same moment finds nothing to do.
        claimed = Delivery.objects.filter(
            pk=delivery.pk, status=delivery.status, not_before=delivery.not_before
        ).update(status=DeliveryStatus.PENDING, updated_at=now)
        if not claimed:
            continue
        if not delivery.urgent and delivery.status == DeliveryStatus.DEFERRED:
            resume_at = _quiet_until(delivery.recipient, preference_of(delivery.recipient), now)
            if resume_at is not None:
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=DeliveryStatus.DEFERRED, not_before=resume_at
                )
                counts["deferred"] += 1
                continue
        delivery_attempt(delivery=delivery, now=now)
        counts["sent" if delivery.status == DeliveryStatus.SENT else "failed"] += 1
    return counts


def preference_save(
    *,
    actor: Actor,
    user: User,
    channels: str,
    phone: str = "",
    quiet_start: dt.time | None = None,
    quiet_end: dt.time | None = None,
    tz: str = "",
) -> NotificationPreference:
    """Store a person's own preferences (validated; the phone kept as typed if valid)."""
    from django.core.exceptions import ValidationError

    pref = NotificationPreference.objects.filter(user=user).first() or NotificationPreference(
        user=user
    )
    pref.channels = channels
    pref.phone = phone.strip()
    pref.quiet_start = quiet_start
    pref.quiet_end = quiet_end
    pref.timezone = tz.strip()
    if pref.phone and normalise_phone(pref.phone) is None:
        raise ValidationError(
            {"phone": "Enter a mobile number with its country code, e.g. +44 7911 123456."}
        )
    if pref.wants_text and not pref.phone and phone_of(user) is None:
        raise ValidationError({"phone": "Add a mobile number to get text messages."})
    pref.full_clean()
    with transaction.atomic():
        pref.save()
        audit_record(
            actor=actor,
            action="notification_preference.update",
            target=pref,
            detail={"channels": pref.channels, "quiet_hours": pref.quiet_hours is not None},
        )
    return pref


def _channels(user: User, pref: NotificationPreference, *, urgent: bool) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if (urgent or pref.wants_email) and user.email:
        out.append((Channel.EMAIL, user.email))
    if urgent or pref.wants_text:
        phone = phone_of(user)
        if phone:
            out.append((Channel.TEXT, phone))
    if not out and user.email and not urgent:
        # Text chosen but no usable number: email rather than nothing.
        out.append((Channel.EMAIL, user.email))
    return out


def _quiet_until(user: User, pref: NotificationPreference, now: dt.datetime) -> dt.datetime | None:
    hours = pref.quiet_hours
    if hours is None:
        return None
    return quiet_until(now, start=hours[0], end=hours[1], zone=timezone_of(user, pref))


def _claim(
    *,
    recipient: User,
    channel: str,
    address: str,
    kind: str,
    subject: str,
    text: str,
    link: str,
    urgent: bool,
    dedupe_key: str,
    now: dt.datetime,
    resume_at: dt.datetime | None,
) -> tuple[Delivery, bool]:
    """Create the delivery row before sending, so a key is claimed exactly once."""
    if dedupe_key:
        earlier = Delivery.objects.filter(dedupe_key=dedupe_key, channel=channel).first()
        if earlier is not None:
            return earlier, False
    delivery = Delivery(
        recipient=recipient,
        channel=channel,
        address=address,
        kind=kind[:40],
        urgent=urgent,
        status=DeliveryStatus.DEFERRED if resume_at else DeliveryStatus.PENDING,
        not_before=resume_at,
        dedupe_key=dedupe_key[:200],
        subject=subject[:200],
        body=text,
        link=link[:500],
        created_at=now,
        updated_at=now,
    )
    try:
        with transaction.atomic():
            delivery.save()
    except IntegrityError:  # another runner claimed the key a moment ago
        return Delivery.objects.get(dedupe_key=dedupe_key, channel=channel), False
    return delivery, True


def _send_email(delivery: Delivery) -> None:
    body = delivery.body
    if delivery.link:
        body = f"{body}\n\n{delivery.link}\n"
    EmailMessage(
        subject=delivery.subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.address],
    ).send(fail_silently=False)


def _text_message(delivery: Delivery) -> str:
    words = delivery.body.strip() or delivery.subject
    if delivery.link:
        room = TEXT_MAX - len(delivery.link) - 1
        words = words[: max(room, 0)].rstrip()
        return f"{words} {delivery.link}".strip()
    return words[:TEXT_MAX]
