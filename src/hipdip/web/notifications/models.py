"""Reaching people: each person's delivery preferences and a record of every send.

A :class:`Delivery` names who, which channel, what kind of message and how it went. The
message itself (``subject``, ``body``) is kept only while it still has to go out (deferred
by quiet hours, or failed and waiting for another attempt) and is blanked once delivered.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from hipdip.web.accounts.models import User
from hipdip.web.clinic.care import timezone_error


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"


class ChannelChoice(models.TextChoices):
    """Which channels a person wants for everyday messages."""

    EMAIL = "email", "Email"
    TEXT = "text", "Text message"
    BOTH = "both", "Email and text message"


class NotificationPreference(models.Model):
    """How one person wants to hear from the clinic. No row: email, no quiet hours."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="notification_preference"
    )
    channels = models.CharField(
        max_length=8, choices=ChannelChoice.choices, default=ChannelChoice.EMAIL
    )
    phone = models.CharField(
        max_length=32,
        blank=True,
        help_text="Mobile number for text messages, with the country code, e.g. +44 7911 123456.",
    )
    quiet_start = models.TimeField(
        null=True, blank=True, help_text="No everyday messages from this time..."
    )
    quiet_end = models.TimeField(null=True, blank=True, help_text="...until this time.")
    timezone = models.CharField(
        max_length=64,
        blank=True,
        help_text="Your time zone for quiet hours, e.g. Europe/London. Empty: the clinic's.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Notification preferences of {self.user}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.timezone and timezone_error(self.timezone):
            errors["timezone"] = timezone_error(self.timezone) or ""
        if (self.quiet_start is None) != (self.quiet_end is None):
            errors["quiet_end"] = "Give both the start and the end of the quiet hours, or neither."
        elif self.quiet_start is not None and self.quiet_start == self.quiet_end:
            errors["quiet_end"] = "Quiet hours must end at a different time than they start."
        if errors:
            raise ValidationError(errors)

    @property
    def wants_email(self) -> bool:
        return self.channels in (ChannelChoice.EMAIL, ChannelChoice.BOTH)

    @property
    def wants_text(self) -> bool:
        return self.channels in (ChannelChoice.TEXT, ChannelChoice.BOTH)

    @property
    def quiet_hours(self) -> tuple[dt.time, dt.time] | None:
        if self.quiet_start is None or self.quiet_end is None:
            return None
        return (self.quiet_start, self.quiet_end)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Not delivered"
    DEFERRED = "deferred", "Waiting for quiet hours to end"


class Delivery(models.Model):
    """One message to one person on one channel. A non-empty ``dedupe_key`` is used once
    per channel, so a job run twice sends nothing twice."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    kind = models.CharField(max_length=40, help_text="What the message is about, e.g. reminder.")
    urgent = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=200, blank=True)
    dedupe_key = models.CharField(max_length=200, blank=True)
    address = models.CharField(
        max_length=254, blank=True, help_text="Where it went: an email address or a number."
    )
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True, help_text="Kept only until the message is delivered.")
    link = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    not_before = models.DateTimeField(
        null=True, blank=True, help_text="Deferred or failed: the next attempt is due then."
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at",)
        verbose_name_plural = "deliveries"
        indexes = (
            models.Index(fields=("status", "not_before")),
            models.Index(fields=("recipient", "-created_at")),
        )
        constraints = (
            models.UniqueConstraint(
                fields=("dedupe_key", "channel"),
                condition=~models.Q(dedupe_key=""),
                name="delivery_dedupe_once_per_channel",
            ),
        )

    def __str__(self) -> str:
        return f"{self.kind} by {self.channel} to {self.recipient} ({self.status})"
