"""Telling the other side of a thread that a message is waiting: an email with no health
information in it ("You have a new message from your clinic" and a link), sent through
the notifications app."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.urls import reverse

from hipdip.web.accounts.models import Role, User
from hipdip.web.messaging.models import Message
from hipdip.web.notifications.services import notify

PATIENT_SUBJECT = "You have a new message from your clinic"
PATIENT_TEXT = (
    "You have a new message from your clinic.\n\n"
    "Sign in to read it and reply: {link}\n\n"
    "For security, the message itself is not in this email."
)
STAFF_SUBJECT = "A patient has sent a new message"
STAFF_TEXT = (
    "A patient has sent a new message.\n\n"
    "Sign in to read it: {link}\n\n"
    "For security, the message itself is not in this email."
)


def message_recipients(message: Message) -> list[User]:
    """Who is told: the patient when the team writes; when the patient writes, the staff
    member the thread is assigned to, else the clinic's coordinators and surgeons."""
    thread = message.thread
    patient = thread.patient
    if not message.from_patient:
        user = patient.user
        return [user] if user.is_active else []
    assigned = thread.assigned_to
    if assigned is not None and assigned.is_active and assigned.clinic_id == patient.clinic_id:
        return [assigned]
    if patient.clinic_id is None:
        return []
    return list(
        User.objects.filter(
            clinic_id=patient.clinic_id,
            is_active=True,
            role__in=(Role.COORDINATOR, Role.SURGEON),
        ).order_by("pk")
    )


def message_link(message: Message) -> str:
    path = reverse("messaging:thread", kwargs={"patient_id": message.thread.patient_id})
    return str(settings.HIPDIP_SITE_URL).rstrip("/") + path


def message_notify(message_id: uuid.UUID) -> None:
    """Notify every recipient of one message (called after the message is committed)."""
    message = (
        Message.objects.select_related("thread__patient__user", "thread__assigned_to")
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        return
    link = message_link(message)
    for recipient in message_recipients(message):
        if recipient.pk == message.author_id:
            continue
        subject, text = (
            (STAFF_SUBJECT, STAFF_TEXT) if message.from_patient else (PATIENT_SUBJECT, PATIENT_TEXT)
        )
        notify(
            recipient=recipient,
            kind="message",
            subject=subject,
            text=text.format(link=link),
            link=link,
            dedupe_key=f"message:{message.pk}:{recipient.pk}",
        )
