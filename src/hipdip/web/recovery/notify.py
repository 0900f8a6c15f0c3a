"""How clinic staff hear about an urgent or emergency check-in: a small, pluggable
interface.

``HIPDIP_ALERT_NOTIFIERS`` lists the notifiers to use, by short name (``email``,
``console``) or dotted path to a class with a no-argument constructor that implements
:class:`Notifier`. Email goes through Django's email backend (``EMAIL_URL``; the console
backend in a local installation). Messages carry who and how urgent plus a link, never
symptoms or measurements: email is not a private channel.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AlertMessage:
    """What a notifier may say about an alert."""

    checkin_id: str
    level: str  # "urgent" or "emergency"
    patient_name: str
    clinic_name: str
    day: int
    url: str
    recipients: tuple[str, ...]

    @property
    def subject(self) -> str:
        word = "EMERGENCY" if self.level == "emergency" else "Urgent"
        return f"[hipdip] {word} check-in: {self.patient_name}, day {self.day}"

    @property
    def body(self) -> str:
        action = (
            "The patient was told to call emergency services now."
            if self.level == "emergency"
            else "The patient was told to call the clinic today."
        )
        return (
            f"{self.patient_name} sent a check-in on recovery day {self.day} that needs "
            f"attention ({self.level}). {action}\n\n"
            f"Open it and acknowledge it here:\n{self.url}\n\n"
            f"This message leaves out the details on purpose; they are in the app.\n"
            f"— hipdip for {self.clinic_name}\n"
        )


class Notifier(Protocol):
    """Delivers one alert. Raise to report a failure (it is recorded and retried)."""

    name: str

    def send(self, message: AlertMessage) -> None: ...


class EmailNotifier:
    name = "email"

    def send(self, message: AlertMessage) -> None:
        if not message.recipients:
            raise NoRecipients("the clinic has no one to send alerts to")
        send_mail(
            message.subject,
            message.body,
            settings.DEFAULT_FROM_EMAIL,
            list(message.recipients),
            fail_silently=False,
        )


class ConsoleNotifier:
    """For development: the alert goes to the log (ids and level only)."""

    name = "console"

    def send(self, message: AlertMessage) -> None:
        logger.warning(
            "ALERT %s check-in %s (day %s): %s",
            message.level,
            message.checkin_id,
            message.day,
            message.url,
        )


class NoRecipients(Exception):
    """Nobody to send an alert to."""


_SHORT_NAMES = {"email": EmailNotifier, "console": ConsoleNotifier}


def get_notifiers() -> list[Notifier]:
    """The configured notifiers, in order."""
    names = getattr(settings, "HIPDIP_ALERT_NOTIFIERS", None) or ["email"]
    notifiers: list[Notifier] = []
    for name in names:
        cls: Any = _SHORT_NAMES.get(name) or import_string(name)
        notifiers.append(cls())
    return notifiers
