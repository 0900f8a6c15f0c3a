"""The message API: a patient's thread for the patient and their clinic's staff only,
JSON or multipart with a photo, audited reads, per-reader unread counts, bad input."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image

from hipdip.web.audit.models import AuditEvent, Outcome
from hipdip.web.messaging.models import Message, Thread

from ..conftest import World, jpeg_bytes

pytestmark = pytest.mark.django_db


def _url(world: World, which: str = "own") -> str:
    record = getattr(world, which)
    return f"/api/patients/{record.patient.pk}/messages"


def _post_json(client: Client, url: str, body: Any) -> Any:
    return client.post(url, {"body": body}, content_type="application/json")


def _png_bomb(width: int, height: int) -> bytes:
    """A real PNG of black pixels whose header promises a picture of width x height."""
    row = b"\0" * (1 + width * 2)
    squash = zlib.compressobj(9)
    idat = b"".join(squash.compress(row) for _ in range(height)) + squash.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    ihdr = struct.pack(">IIBBBBB", width, height, 16, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _stored_files() -> set[str]:
    try:
        return set(default_storage.listdir("messages")[1])
    except FileNotFoundError:
        return set()


def test_patient_and_staff_write_in_one_thread(
    world: World, api_client: Callable[..., Client]
) -> None:
    url = _url(world)
    sent = _post_json(api_client(world.patient), url, "  Is the swelling normal?  ")
    assert sent.status_code == 201
    assert sent.json()["from_patient"] is True and sent.json()["body"] == "Is the swelling normal?"
    reply = _post_json(api_client(world.coordinator), url, "Yes, for the first weeks.")
    assert reply.status_code == 201 and reply.json()["from_patient"] is False
    thread = api_client(world.patient).get(url).json()
    assert [m["body"] for m in thread["messages"]] == [
        "Is the swelling normal?",
        "Yes, for the first weeks.",
    ]
    assert Thread.objects.count() == 1


def test_a_patient_sees_only_their_own_thread(
    world: World, api_client: Callable[..., Client]
) -> None:
    _post_json(api_client(world.coordinator), _url(world, "other"), "For Oscar only")
    client = api_client(world.patient)
    assert client.get(_url(world, "other")).status_code == 404
    assert _post_json(client, _url(world, "other"), "hello").status_code == 404
    assert Message.objects.count() == 1


def test_staff_cannot_reach_another_clinics_patient(
    world: World, api_client: Callable[..., Client]
) -> None:
    client = api_client(world.foreign_staff)
    response = _post_json(client, _url(world), "hello")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert client.get(_url(world)).status_code == 404
    assert not Message.objects.exists() and not Thread.objects.exists()
    denied = AuditEvent.objects.filter(outcome=Outcome.DENIED, actor=world.foreign_staff)
    assert denied.exists()


def test_every_read_is_audited(world: World, api_client: Callable[..., Client]) -> None:
    _post_json(api_client(world.patient), _url(world), "A question")
    api_client(world.surgeon).get(_url(world))
    event = AuditEvent.objects.get(action="message.thread.view", actor=world.surgeon)
    assert event.patient_id == world.own.patient.pk and event.channel == "api"
    assert "question" not in str(event.detail).lower()


def test_unread_counts_are_per_reader(world: World, api_client: Callable[..., Client]) -> None:
    url = _url(world)
    _post_json(api_client(world.patient), url, "One")
    _post_json(api_client(world.patient), url, "Two")
    assert api_client(world.coordinator).get(url).json()["unread"] == 2
    # The coordinator has read them; the surgeon has not.
    assert api_client(world.coordinator).get(url).json()["unread"] == 0
    assert api_client(world.surgeon).get(url).json()["unread"] == 2
    # The patient's own messages are never unread for the patient.
    assert api_client(world.patient).get(url).json()["unread"] == 0
    _post_json(api_client(world.surgeon), url, "Reply")
    assert api_client(world.patient).get(url).json()["unread"] == 1


@pytest.mark.parametrize("body", ["", "   ", None, 5])
def test_an_empty_or_non_text_body_is_a_422_and_nothing_is_written(
    world: World, api_client: Callable[..., Client], body: Any
) -> None:
    response = _post_json(api_client(world.patient), _url(world), body)
    assert response.status_code == 422
    assert set(response.json()["error"]) == {"code", "message", "details"}
    assert not Message.objects.exists()


def test_a_body_that_is_not_json_is_a_400(world: World, api_client: Callable[..., Client]) -> None:
    response = api_client(world.patient).post(
        _url(world), b"{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "The request body is not valid JSON."


def test_a_photo_is_stored_without_metadata_and_served_only_to_the_thread(
    world: World, api_client: Callable[..., Client]
) -> None:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 1.5), 3: "E", 4: (4.0, 53.0, 2.0)}  # GPSInfo
    exif[0x010F] = "PhoneMaker"
    photo = jpeg_bytes((400, 600), exif=exif.tobytes())
    response = api_client(world.patient).post(
        _url(world), {"body": "My scar today", "file": io.BytesIO(photo)}
    )
    assert response.status_code == 201, response.content
    link = response.json()["attachment_url"]
    got = api_client(world.coordinator).get(link)
    assert got.status_code == 200 and got["Content-Type"] == "image/jpeg"
    assert "no-store" in got["Cache-Control"]
    stored = b"".join(got.streaming_content)
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert b"PhoneMaker" not in stored
    assert api_client(world.other_patient).get(link).status_code == 404
    assert api_client(world.foreign_staff).get(link).status_code == 404
    assert AuditEvent.objects.filter(
        action="message.attachment.view", actor=world.coordinator
    ).exists()


def test_a_corrupt_image_is_refused_with_the_loaders_message_and_nothing_written(
    world: World, api_client: Callable[..., Client]
) -> None:
    before = _stored_files()
    broken = jpeg_bytes((400, 600))[:300]
    response = api_client(world.patient).post(
        _url(world), {"body": "A photo", "file": io.BytesIO(broken)}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] in ("corrupt_image", "unsupported_format")
    assert error["message"] and "Traceback" not in error["message"]
    assert not Message.objects.exists() and not Thread.objects.exists()
    assert _stored_files() == before


def test_a_huge_dimension_png_is_refused_without_decoding_it(
    world: World, api_client: Callable[..., Client]
) -> None:
    bomb = _png_bomb(7745, 7745)
    response = api_client(world.patient).post(
        _url(world), {"body": "A photo", "file": io.BytesIO(bomb)}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "image_too_large"
    assert not Message.objects.exists()


def test_a_thread_is_assigned_to_a_member_of_the_clinic_only(
    world: World, api_client: Callable[..., Client]
) -> None:
    url = _url(world) + "/assignment"
    client = api_client(world.coordinator)
    ok = client.put(url, {"assignee_id": world.surgeon.pk}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["assigned_to_id"] == world.surgeon.pk
    foreign = client.put(
        url, {"assignee_id": world.foreign_staff.pk}, content_type="application/json"
    )
    assert foreign.status_code == 422
    assert Thread.objects.get().assigned_to == world.surgeon
    patient = api_client(world.patient).put(
        url, {"assignee_id": world.surgeon.pk}, content_type="application/json"
    )
    assert patient.status_code == 403
    assert AuditEvent.objects.filter(action="message.thread.assign").count() == 1


def test_a_self_signed_patient_without_clinic_has_no_one_to_write_to(
    world: World, api_client: Callable[..., Client]
) -> None:
    patient_id = world.self_signed.patient.pk
    response = _post_json(
        api_client(world.self_signed), f"/api/patients/{patient_id}/messages", "hi"
    )
    assert response.status_code == 409
    assert not Thread.objects.exists()


def test_the_other_side_gets_an_email_without_health_information(
    world: World,
    api_client: Callable[..., Client],
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    url = _url(world)
    with django_capture_on_commit_callbacks(execute=True):
        _post_json(api_client(world.patient), url, "My wound is leaking")
    staff_mail = {m.to[0]: m for m in mailoutbox}
    assert set(staff_mail) == {world.coordinator.email, world.surgeon.email}
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _post_json(api_client(world.surgeon), url, "Please send a photo of the wound")
    (mail,) = mailoutbox
    assert mail.to == [world.patient.email]
    assert mail.subject == "You have a new message from your clinic"
    assert "wound" not in mail.body and "wound" not in mail.subject
    assert f"/patients/{world.own.patient.pk}/messages/" in mail.body


def test_an_assigned_thread_notifies_only_its_staff_member(
    world: World,
    api_client: Callable[..., Client],
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    url = _url(world)
    api_client(world.coordinator).put(
        url + "/assignment", {"assignee_id": world.surgeon.pk}, content_type="application/json"
    )
    with django_capture_on_commit_callbacks(execute=True):
        _post_json(api_client(world.patient), url, "A question")
    assert [m.to for m in mailoutbox] == [[world.surgeon.email]]
