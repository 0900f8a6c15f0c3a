"""API: a patient's message thread (the patient or their clinic's staff)."""

from __future__ import annotations

import json
from typing import Any

from django.http import FileResponse, HttpRequest
from django.urls import reverse
from ninja import Router

from hipdip.web.access import Perm, get_for_actor, require_staff
from hipdip.web.accounts.api_helpers import api_actor
from hipdip.web.accounts.models import User
from hipdip.web.assessments.services.uploads import read_upload
from hipdip.web.core.errors import DomainError
from hipdip.web.messaging.files import attachment_response
from hipdip.web.messaging.models import BODY_MAX, Message
from hipdip.web.messaging.schemas import AssignmentIn, MessageOut, ThreadOut
from hipdip.web.messaging.selectors import messages_of, thread_of, unread_count
from hipdip.web.messaging.services import (
    MessageInvalid,
    message_send,
    thread_assign,
    thread_get_or_create,
    thread_mark_read,
)
from hipdip.web.patients.models import Patient

router = Router(tags=["messages"])


class UnsupportedMediaType(DomainError):
    status_code = 415
    code = "unsupported_media_type"


_BODY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"body": {"type": "string", "minLength": 1, "maxLength": BODY_MAX}},
    "required": ["body"],
}
_POST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": _BODY_SCHEMA},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "body": {"type": "string", "minLength": 1, "maxLength": BODY_MAX},
                        "file": {"type": "string", "format": "binary"},
                    },
                    "required": ["body"],
                }
            },
        },
    }
}


@router.get("/patients/{patient_id}/messages", response=ThreadOut)
def thread_read(request: HttpRequest, patient_id: str) -> ThreadOut:
    """The patient's messages, oldest first; reading them marks them read for you."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, action="message.thread.view")
    thread = thread_of(patient)
    if thread is None:
        return ThreadOut(patient_id=patient.pk, assigned_to_id=None, unread=0, messages=[])
    assert actor.user is not None
    unread = unread_count(thread=thread, reader=actor.user)
    items = [message_out(m) for m in messages_of(thread)]
    thread_mark_read(actor=actor, thread=thread)
    return ThreadOut(
        patient_id=patient.pk, assigned_to_id=thread.assigned_to_id, unread=unread, messages=items
    )


@router.post(
    "/patients/{patient_id}/messages", response={201: MessageOut}, openapi_extra=_POST_BODY
)
def message_create(request: HttpRequest, patient_id: str) -> MessageOut:
    """Send a message: JSON `{"body": "..."}`, or multipart with `body` and a photo `file`
    (re-encoded without metadata). An empty body is a 422; a file that is not a photo a
    400 with the reason."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    body, image = _message_input(request)
    message = message_send(actor=actor, patient=patient, body=body, image=image)
    return message_out(message)


@router.put("/patients/{patient_id}/messages/assignment", response=ThreadOut)
def thread_assignment(request: HttpRequest, patient_id: str, data: AssignmentIn) -> ThreadOut:
    """Assign the thread to a staff member of the clinic (null: the whole team). Staff only."""
    actor = api_actor(request)
    clinic = require_staff(actor)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    assignee = None
    if data.assignee_id is not None:
        assignee = User.objects.filter(pk=data.assignee_id, clinic=clinic).first()
        if assignee is None:
            raise MessageInvalid("Choose a member of the clinic's team.", code="invalid_assignee")
    thread = thread_assign(
        actor=actor, thread=thread_get_or_create(patient=patient), assignee=assignee
    )
    assert actor.user is not None
    return ThreadOut(
        patient_id=patient.pk,
        assigned_to_id=thread.assigned_to_id,
        unread=unread_count(thread=thread, reader=actor.user),
        messages=[],
    )


@router.get("/messages/{message_id}/attachment", response={200: bytes})
def message_attachment(request: HttpRequest, message_id: str) -> FileResponse:
    """A message's photo (JPEG, re-encoded without metadata); never cached."""
    return attachment_response(api_actor(request), message_id)


def _message_input(request: HttpRequest) -> tuple[str, bytes | None]:
    """The body and optional photo of a JSON or multipart request."""
    content_type = request.content_type or ""
    if content_type == "multipart/form-data":
        upload = request.FILES.get("file")
        return request.POST.get("body", ""), read_upload(upload) if upload is not None else None
    if content_type != "application/json":
        raise UnsupportedMediaType("Send JSON, or multipart form data with a photo.")
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as exc:
        raise DomainError("The request body is not valid JSON.", code="bad_request") from exc
    if not isinstance(data, dict) or not isinstance(data.get("body", ""), str):
        raise MessageInvalid(
            "Send an object with a text `body`.", details={"body": ["Must be text."]}
        )
    return data.get("body", ""), None


def message_out(message: Message) -> MessageOut:
    author = message.author
    return MessageOut(
        id=message.pk,
        from_patient=message.from_patient,
        author_name=(author.full_name or author.email) if author is not None else "",
        body=message.body,
        created_at=message.created_at,
        attachment_url=reverse("api:message_attachment", kwargs={"message_id": message.pk})
        if message.attachment
        else None,
    )
