"""A secure message thread per patient, between the patient and their clinic's care team.

Messages are personal health information: they are read through the access helper only,
every read is audited, and a photo attachment is stored re-encoded (no metadata) and
served only by an authorised view.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.db import models
from django.utils import timezone

from hipdip.web.accounts.models import User
from hipdip.web.patients.models import Patient

#: The longest message body, in characters.
BODY_MAX = 5000


class Thread(models.Model):
    """The one conversation between a patient and their clinic; assigned to a staff member
    who looks after it (empty: the whole team)."""

    OWNER_PATH: ClassVar[str] = "patient"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.OneToOneField(Patient, on_delete=models.CASCADE, related_name="thread")
    assigned_to = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_threads"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ("-last_message_at",)

    def __str__(self) -> str:
        return f"Messages of {self.patient}"

    def owner_patient(self) -> Patient:
        return self.patient


class Message(models.Model):
    """One message; `from_patient` tells the side (the patient, or the care team)."""

    OWNER_PATH: ClassVar[str] = "thread__patient"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_patient = models.BooleanField()
    body = models.TextField(max_length=BODY_MAX)
    attachment = models.FileField(upload_to="messages/", blank=True, max_length=200)
    attachment_width = models.PositiveIntegerField(null=True, blank=True)
    attachment_height = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("created_at",)
        indexes = (models.Index(fields=("thread", "created_at")),)

    def __str__(self) -> str:
        return f"Message {self.pk}"

    def owner_patient(self) -> Patient:
        return self.thread.patient


class ReadMark(models.Model):
    """How far one reader has read one thread: unread counts are per reader."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_marks")
    reader = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("thread", "reader"), name="messaging_one_mark_per_reader"
            ),
        )

    def __str__(self) -> str:
        return f"{self.reader} read {self.thread} at {self.read_at}"
