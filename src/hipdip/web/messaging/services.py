"""Writing messages: sending one (with an optional photo), marking a thread read, and
assigning a thread to a staff member. Each write is audited; a failed send leaves no
row and no file behind."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.assessments.services.storage import files_removed_on_error
from hipdip.web.assessments.services.uploads import prepare_image
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import Conflict, DomainError, full_clean_or_raise
from hipdip.web.messaging.models import BODY_MAX, Message, ReadMark, Thread
from hipdip.web.messaging.notify import message_notify
from hipdip.web.patients.models import Patient


class MessageInvalid(DomainError):
    """A message that cannot be sent as written (empty, too long)."""

    status_code = 422
    code = "invalid_message"


def thread_get_or_create(*, patient: Patient) -> Thread:
    """The patient's one thread (made on first use)."""
    thread, _ = Thread.objects.get_or_create(patient=patient)
    return thread


def message_send(
    *, actor: Actor, patient: Patient, body: str, image: bytes | None = None
) -> Message:
    """Send a message in the patient's thread, as the patient or as clinic staff.

    The caller has checked that `actor` may change this patient's record. The photo, if
    any, goes through the same safe loader as photo sessions (size and decoded-memory
    limits, re-encoded without metadata) before anything is written.

    Raises
    ------
    MessageInvalid
        An empty or too long body (422).
    UploadRejected
        A file that is not an acceptable photo, with the loader's plain message.
    """
    text = (body or "").strip()
    if not text:
        raise MessageInvalid("Write a message first.", details={"body": ["Write a message first."]})
    if len(text) > BODY_MAX:
        msg = f"A message can be at most {BODY_MAX} characters."
        raise MessageInvalid(msg, details={"body": [msg]})
    user = actor.user
    if user is None:
        raise DomainError("Sign in to send a message.", code="not_authenticated")
    if patient.clinic_id is None:
        raise Conflict(
            "Messages are between a patient and their clinic; this record has no clinic.",
            code="no_clinic",
        )
    prepared = prepare_image(image) if image is not None else None
    with files_removed_on_error() as saved, transaction.atomic():
        thread = thread_get_or_create(patient=patient)
        thread = Thread.objects.select_for_update().get(pk=thread.pk)
        message = Message(
            thread=thread,
            author=user,
            from_patient=patient.user_id == user.pk,
            body=text,
        )
        if prepared is not None:
            name = default_storage.save(
                f"messages/{secrets.token_hex(16)}.jpg", ContentFile(prepared.jpeg)
            )
            saved.append(name)
            message.attachment.name = name
            message.attachment_width = prepared.width
            message.attachment_height = prepared.height
        full_clean_or_raise(message)
        message.save(force_insert=True)
        thread.last_message_at = message.created_at
        thread.save(update_fields=["last_message_at"])
        _mark(thread=thread, reader=user, at=message.created_at)
        audit_record(
            actor=actor,
            action="message.create",
            patient=patient,
            target=message,
            detail={"attachment": prepared is not None},
        )
        transaction.on_commit(lambda: message_notify(message.pk))
    return message


def thread_mark_read(*, actor: Actor, thread: Thread) -> None:
    """The actor has read the thread up to now (their unread count drops to zero)."""
    if actor.user is not None:
        _mark(thread=thread, reader=actor.user, at=timezone.now())


def _mark(*, thread: Thread, reader: User, at: dt.datetime) -> None:
    ReadMark.objects.update_or_create(thread=thread, reader=reader, defaults={"read_at": at})


def thread_assign(*, actor: Actor, thread: Thread, assignee: User | None) -> Thread:
    """Give the thread to one of the clinic's staff (None: back to the whole team)."""
    clinic_id = thread.patient.clinic_id
    if assignee is not None and (
        not assignee.is_active or not assignee.is_clinic_staff or assignee.clinic_id != clinic_id
    ):
        raise MessageInvalid(
            "Choose a member of the clinic's team.",
            code="invalid_assignee",
            details={"assignee": ["Choose a member of the clinic's team."]},
        )
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        locked.assigned_to = assignee
        locked.save(update_fields=["assigned_to"])
        audit_record(
            actor=actor,
            action="message.thread.assign",
            patient=thread.patient,
            target=locked,
            detail={"assignee": assignee.pk if assignee is not None else None},
        )
    return locked
