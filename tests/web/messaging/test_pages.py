"""The message pages: a patient's thread, the clinic's inbox, assignment."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.test import Client

from hipdip.web.accounts.actor import Actor
from hipdip.web.audit.models import AuditEvent
from hipdip.web.messaging.models import Message
from hipdip.web.messaging.selectors import unread_total
from hipdip.web.messaging.services import message_send

from ..conftest import World

pytestmark = pytest.mark.django_db


def _thread_url(world: World) -> str:
    return f"/patients/{world.own.patient.pk}/messages/"


def test_the_patient_sends_a_message_from_their_page(
    world: World, web_client: Callable[..., Client]
) -> None:
    client = web_client(world.patient)
    response = client.post(_thread_url(world), {"body": "Can I shower yet?"})
    assert response.status_code == 302
    page = client.get(_thread_url(world))
    assert b"Can I shower yet?" in page.content
    assert "no-store" in page["Cache-Control"]
    assert AuditEvent.objects.filter(action="message.thread.view", actor=world.patient).exists()


def test_an_empty_message_or_a_broken_photo_is_a_form_error_and_nothing_is_saved(
    world: World, web_client: Callable[..., Client]
) -> None:
    client = web_client(world.patient)
    empty = client.post(_thread_url(world), {"body": "   "})
    assert empty.status_code == 422
    broken = client.post(
        _thread_url(world), {"body": "Look", "photo": io.BytesIO(b"not a picture at all")}
    )
    assert broken.status_code == 422
    assert b'class="error"' in broken.content
    assert not Message.objects.exists()


def test_others_cannot_open_the_thread_or_its_photos(
    world: World, web_client: Callable[..., Client]
) -> None:
    message_send(actor=Actor(world.patient, "web"), patient=world.own.patient, body="Private")
    for user in (world.other_patient, world.foreign_staff, world.self_signed):
        assert web_client(user).get(_thread_url(world)).status_code == 404
    assert web_client(None).get(_thread_url(world)).status_code == 302


def test_the_inbox_shows_unread_threads_of_the_clinic_only(
    world: World, web_client: Callable[..., Client]
) -> None:
    message_send(actor=Actor(world.patient, "web"), patient=world.own.patient, body="Hello")
    message_send(
        actor=Actor(world.foreign.patient.user, "web"), patient=world.foreign.patient, body="Hi"
    )
    assert unread_total(world.coordinator) == 1
    inbox = web_client(world.coordinator).get("/clinic/messages/?show=unread")
    assert b"Olivia Own" in inbox.content and b"Fiona" not in inbox.content
    assert b'data-unread="1"' in inbox.content
    assert b"Messages (1)" in inbox.content  # the menu entry
    web_client(world.coordinator).get(_thread_url(world))
    assert unread_total(world.coordinator) == 0
    assert unread_total(world.surgeon) == 1
    assert web_client(world.patient).get("/clinic/messages/").status_code == 403


def test_staff_assign_a_thread_to_a_colleague(
    world: World, web_client: Callable[..., Client]
) -> None:
    client = web_client(world.coordinator)
    response = client.post(
        f"/patients/{world.own.patient.pk}/messages/assign/", {"assignee": world.surgeon.pk}
    )
    assert response.status_code == 302
    mine = web_client(world.surgeon).get("/clinic/messages/?show=mine")
    assert mine.status_code == 200
    assert world.own.patient.thread.assigned_to == world.surgeon
    # The inbox and the staff home say who looks after the thread, not a bare name that
    # reads as the sender of the last message.
    message_send(actor=Actor(world.patient, "web"), patient=world.own.patient, body="Hello")
    who = f"looked after by {world.surgeon.full_name}"
    inbox = web_client(world.surgeon).get("/clinic/messages/").content.decode()
    assert who in inbox
    assert who in web_client(world.coordinator).get("/staff/").content.decode()
