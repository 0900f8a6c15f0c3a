"""Health information is never kept by a browser or a shared cache: every answer to a
signed-in person, every API answer and every secret-link page says `Cache-Control:
no-store`; public pages and static files stay cacheable (issue 14, finding 7)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role
from hipdip.web.accounts.services import staff_invite
from hipdip.web.recovery import services as recovery_services

from .conftest import World

pytestmark = pytest.mark.django_db


def _no_store(response: object) -> bool:
    value = response.headers.get("Cache-Control", "")  # type: ignore[attr-defined]
    return "no-store" in [part.strip() for part in value.split(",")]


def _drain(response: Any) -> None:
    """Read a streamed answer (a photo, a static file) to the end, which closes its file."""
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)


def _patient_pages(world: World) -> list[str]:
    pid, own = world.own.patient.pk, world.own
    return [
        "/dashboard/",
        f"/patients/{pid}/",
        f"/sessions/{own.session.pk}/",
        f"/sessions/{own.session.pk}/status/",
        f"/photos/{own.done.pk}/image/",
        f"/photos/{own.done.pk}/overlay/",
        f"/patients/{pid}/intake/",
        f"/patients/{pid}/recovery/",
        f"/patients/{pid}/checkins/new/",
        f"/patients/{pid}/training/",
        f"/patients/{pid}/preop/",
        "/accounts/account/",
        "/",  # a public page, but answered to someone signed in
    ]


def test_every_page_answered_to_a_signed_in_patient_is_not_stored(
    world: World, web_client: Callable[..., Client]
) -> None:
    client = web_client(world.patient)
    for url in _patient_pages(world):
        response = client.get(url)
        _drain(response)
        assert _no_store(response), (url, response.status_code, response.headers)


def test_every_page_answered_to_clinic_staff_is_not_stored(
    world: World, web_client: Callable[..., Client]
) -> None:
    pid = world.own.patient.pk
    urls = [
        "/patients/",
        f"/patients/{pid}/",
        f"/patients/{pid}/consultation/",
        f"/patients/{pid}/intake/history/",
        f"/patients/{pid}/plan/",
        f"/patients/{pid}/procedure/",
        "/clinic/checkins/",
        "/clinic/audit/",
        "/accounts/team/",
    ]
    client = web_client(world.clinic_admin)
    for url in urls:
        response = client.get(url)
        _drain(response)
        assert _no_store(response), (url, response.status_code, response.headers)


def test_every_api_answer_is_not_stored(world: World, api_client: Callable[..., Client]) -> None:
    pid, own = world.own.patient.pk, world.own
    client = api_client(world.patient)
    urls = [
        "/api/me",
        "/api/patients",
        f"/api/patients/{pid}",
        f"/api/patients/{pid}/photos",
        f"/api/photos/{own.done.pk}",
        f"/api/patients/{pid}/intake",
        f"/api/patients/{pid}/checkins",
        f"/api/patients/{pid}/recovery",
        f"/api/patients/{pid}/programme",
        f"/api/patients/{world.foreign.patient.pk}",  # 404
    ]
    for url in urls:
        response = client.get(url)
        _drain(response)
        assert _no_store(response), (url, response.status_code, response.headers)
    # Refusals and sign-in answers too.
    anonymous = Client()
    assert _no_store(anonymous.get("/api/patients"))
    token = anonymous.post(
        "/api/auth/token",
        {"email": world.coordinator.email, "password": "correct-horse-battery-staple"},
        content_type="application/json",
    )
    assert token.status_code == 201 and _no_store(token)


def test_secret_link_pages_are_not_stored(world: World) -> None:
    feed = recovery_services.calendar_feed_create(
        actor=Actor(world.patient, "web"), patient=world.own.patient
    )
    assert _no_store(Client().get(f"/calendar/{feed}.ics"))
    sent = staff_invite(
        actor=Actor(world.clinic_admin, "web"),
        clinic=world.clinic_admin.clinic,
        email="newcomer@example.com",
        full_name="New Comer",
        role=Role.SURGEON,
    )
    page = Client().get(f"/accounts/invitation/{sent.token}/")
    assert page.status_code == 200 and _no_store(page)


def test_public_pages_and_static_files_stay_cacheable(
    world: World, web_client: Callable[..., Client]
) -> None:
    client = Client()
    for url in ("/", "/guide/", "/exercises/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not _no_store(response), url
    # Static files keep their caching even for someone signed in.
    for who in (Client(), web_client(world.patient)):
        static = who.get("/static/hipdip/app.css")
        _drain(static)
        assert static.status_code == 200
        assert "max-age" in static.headers.get("Cache-Control", "")
        assert not _no_store(static)
