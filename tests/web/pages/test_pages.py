"""Public pages, the dashboard redirect, error pages and security headers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from ..conftest import World

pytestmark = pytest.mark.django_db


def test_home_and_guide_are_public_and_neutral(db: Any) -> None:
    home = Client().get("/")
    assert home.status_code == 200
    assert b"normal anatomy" in home.content
    guide = Client().get("/guide/")
    assert guide.status_code == 200
    for words in (b"arms", b"hip height", b"2.5 to 3 metres", b"Fitted clothing", b"plain"):
        assert words.lower() in guide.content.lower(), words
    assert b"guide-example.jpg" in guide.content and b"<svg" in guide.content


def test_pages_load_no_third_party_resources(
    world: World, web_client: Callable[..., Client]
) -> None:
    client = web_client(world.coordinator)
    for url in (
        "/",
        "/guide/",
        "/patients/",
        f"/patients/{world.own.patient.pk}/",
        f"/sessions/{world.own.session.pk}/",
    ):
        content = client.get(url).content
        assert b"https://" not in content and b"http://" not in content.replace(
            b"http://www.w3.org", b""
        ), url


def test_htmx_is_served_from_this_site(db: Any) -> None:
    response = Client().get("/static/hipdip/htmx.min.js")
    assert response.status_code == 200
    assert b"htmx" in b"".join(response.streaming_content)[:200]


@pytest.mark.parametrize(
    ("role", "target"),
    [("coordinator", "/staff/"), ("surgeon", "/staff/"), ("clinic_admin", "/staff/")],
)
def test_dashboard_sends_staff_to_the_staff_home(
    world: World, web_client: Callable[..., Client], role: str, target: str
) -> None:
    response = web_client(getattr(world, role)).get("/dashboard/")
    assert response["Location"] == target


def test_dashboard_sends_a_patient_to_their_own_page(
    world: World, web_client: Callable[..., Client]
) -> None:
    response = web_client(world.patient).get("/dashboard/")
    assert response["Location"] == f"/patients/{world.own.patient.pk}/"


def test_every_page_carries_a_strict_content_security_policy(db: Any) -> None:
    response = Client().get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_not_found_pages_are_friendly(db: Any) -> None:
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    assert b"We could not find that page" in response.content


def test_stored_photos_have_no_public_url(world: World) -> None:
    name = world.own.done.image.name
    for prefix in ("/media/", "/media-is-not-served/", "/static/", "/"):
        assert Client().get(prefix + name).status_code == 404
