"""Serving a message's photo to an authorised reader: one place for the page and the API."""

from __future__ import annotations

from django.http import FileResponse

from hipdip.web.access import NotFound, get_for_actor
from hipdip.web.accounts.actor import Actor
from hipdip.web.assessments.files import private_file_response
from hipdip.web.messaging.models import Message


def attachment_response(actor: Actor, message_id: str) -> FileResponse:
    """The stored JPEG, after the access check that records the read
    (``message.attachment.view``); private, no-store."""
    message = get_for_actor(actor, Message, message_id, action="message.attachment.view")
    if not message.attachment:
        raise NotFound
    return private_file_response(message.attachment.name, "image/jpeg")
