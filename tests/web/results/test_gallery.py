"""/results/: only consented, surgeon-approved comparisons, de-identified, gone at once
when consent is withdrawn."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from hipdip.web.assessments.models import ConsentScope, GalleryConsent
from hipdip.web.results.models import ResultPublication

from ..assessments.pictures.worlds import Pair, measured_pair
from ..conftest import World
from ..factories import PhotoFactory, sample_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(world: World) -> Pair:
    return measured_pair(world.own.patient)


def _consent(pair: Pair, scope: str = ConsentScope.PUBLIC) -> GalleryConsent:
    return GalleryConsent.objects.create(patient=pair.patient, scope=scope)


def _publish(client: Client, pair: Pair) -> Any:
    return client.post(
        "/api/results",
        {"before_session": str(pair.before.pk), "after_session": str(pair.after.pk)},
        content_type="application/json",
    )


def test_a_surgeon_publishes_a_consented_comparison_and_it_shows_de_identified(
    world: World, pair: Pair, api_client: Callable[..., Client]
) -> None:
    _consent(pair)
    response = _publish(api_client(world.surgeon), pair)
    assert response.status_code == 201, response.content
    page = Client().get("/results/")
    html = page.content.decode()
    assert page.status_code == 200 and "Left side:" in html and " mm" in html
    assert pair.patient.user.full_name not in html
    pub = ResultPublication.objects.get()
    picture = Client().get(f"/results/{pub.pk}.jpg")
    assert picture.status_code == 200 and picture["Content-Type"] == "image/jpeg"
    assert "no-store" in picture["Cache-Control"] and "no-store" in page["Cache-Control"]
    assert picture.content[:2] == b"\xff\xd8" and b"Exif" not in picture.content[:200]


def test_withdrawing_consent_removes_the_picture_at_once(
    world: World, pair: Pair, api_client: Callable[..., Client]
) -> None:
    consent = _consent(pair)
    _publish(api_client(world.surgeon), pair)
    pub = ResultPublication.objects.get()
    consent.revoked_at = dt.datetime.now(dt.UTC)
    consent.save()
    assert "No results are published yet." in Client().get("/results/").content.decode()
    assert Client().get(f"/results/{pub.pk}.jpg").status_code == 404


def test_no_publication_without_public_consent_or_by_anyone_but_a_surgeon(
    world: World, pair: Pair, api_client: Callable[..., Client]
) -> None:
    _consent(pair, scope=ConsentScope.CLINIC)
    refused = _publish(api_client(world.surgeon), pair)
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "consent_missing"
    _consent(pair)
    for who in ("coordinator", "patient", "foreign_staff"):
        assert _publish(api_client(getattr(world, who)), pair).status_code in (403, 404), who
    assert not ResultPublication.objects.exists()


def test_a_surgeon_withdraws_a_publication(
    world: World, pair: Pair, api_client: Callable[..., Client]
) -> None:
    _consent(pair)
    pub_id = _publish(api_client(world.surgeon), pair).json()["id"]
    out = api_client(world.surgeon).post(f"/api/results/{pub_id}/withdraw")
    assert out.status_code == 200 and out.json()["live"] is False
    assert Client().get(f"/results/{pub_id}.jpg").status_code == 404


def test_months_since_surgery_count_whole_months() -> None:
    from hipdip.web.results.selectors import months_between

    assert months_between(dt.date(2026, 1, 15), dt.date(2026, 4, 15)) == 3
    assert months_between(dt.date(2026, 1, 15), dt.date(2026, 4, 14)) == 2
    assert months_between(dt.date(2026, 5, 1), dt.date(2026, 4, 1)) is None


def _compare_page(client: Client, pair: Pair) -> str:
    url = f"/patients/{pair.patient.pk}/compare/?before={pair.before.pk}&after={pair.after.pk}"
    response = client.get(url + "&view=front")
    assert response.status_code == 200
    return str(response.content.decode())


def test_a_surgeon_approves_and_withdraws_from_the_comparison_page(
    world: World, pair: Pair, web_client: Callable[..., Client]
) -> None:
    _consent(pair)
    client = web_client(world.surgeon)
    assert "Approve for the results page" in _compare_page(client, pair)
    response = client.post(
        "/results/publish/",
        {"before": str(pair.before.pk), "after": str(pair.after.pk), "view": "front"},
    )
    assert response.status_code == 302 and "/compare/?" in response["Location"]
    pub = ResultPublication.objects.get(withdrawn_at__isnull=True)
    page = _compare_page(client, pair)
    assert "Shown on the results page" in page and f"/results/{pub.pk}/withdraw/" in page
    assert Client().get(f"/results/{pub.pk}.jpg").status_code == 200
    client.post(f"/results/{pub.pk}/withdraw/")
    assert Client().get(f"/results/{pub.pk}.jpg").status_code == 404
    assert "Approve for the results page" in _compare_page(client, pair)


def test_the_approve_button_is_for_surgeons_and_refuses_without_consent(
    world: World, pair: Pair, web_client: Callable[..., Client]
) -> None:
    _consent(pair, ConsentScope.PUBLIC)
    assert "Approve for the results page" not in _compare_page(web_client(world.coordinator), pair)
    GalleryConsent.objects.all().delete()
    _consent(pair, ConsentScope.CLINIC)
    surgeon = web_client(world.surgeon)
    response = surgeon.post(
        "/results/publish/",
        {"before": str(pair.before.pk), "after": str(pair.after.pk), "view": "front"},
        follow=True,
    )
    assert "has not consented to public gallery use" in response.content.decode()
    assert not ResultPublication.objects.exists()
    coordinator = web_client(world.coordinator)
    refused = coordinator.post(
        "/results/publish/",
        {"before": str(pair.before.pk), "after": str(pair.after.pk), "view": "front"},
    )
    assert refused.status_code == 403 and not ResultPublication.objects.exists()


# --- the change a card states: the sessions' one figure per side -------------------------


def _shown_figure(client: Client, session: Any, side: str) -> float:
    """The session's figure for ``side`` as its page shows it (``data-side="left">7.4 mm``)."""
    body = client.get(f"/sessions/{session.pk}/").content.decode()
    match = re.search(rf'data-side="{side}">(-?[\d.]+) mm', body)
    assert match, body
    return float(match.group(1))


def _card(pair: Pair, client: Client) -> str:
    _consent(pair)
    assert _publish(client, pair).status_code == 201
    html = Client().get("/results/").content.decode()
    (caption,) = re.findall(r"<figcaption[^>]*>(.*?)</figcaption>", html, re.S)
    return str(caption)


def _card_change(caption: str, side: str) -> float:
    match = re.search(rf'data-change-side="{side}">(-?[\d.]+) mm', caption)
    assert match, caption
    return float(match.group(1))


def test_with_front_and_back_in_both_sessions_the_card_states_the_change_of_the_session_figure(
    world: World,
    pair: Pair,
    api_client: Callable[..., Client],
    web_client: Callable[..., Client],
) -> None:
    # Back photos far from the front ones, so a per-view change would read differently.
    PhotoFactory(session=pair.before, view="back", assessment=sample_assessment("back", 15.0, 12))
    PhotoFactory(session=pair.after, view="back", assessment=sample_assessment("back", 4.0, 2.0))
    caption = _card(pair, api_client(world.surgeon))
    staff = web_client(world.surgeon)
    for side in ("left", "right"):
        before = _shown_figure(staff, pair.before, side)
        after = _shown_figure(staff, pair.after, side)
        assert _card_change(caption, side) == pytest.approx(round(after - before, 1))
        front_only = pair.after_photo.sides[side].depth_mm - pair.before_photo.sides[side].depth_mm
        assert abs(_card_change(caption, side) - front_only) > 1.0  # not the front's change
    assert "from the front and back photos" in caption
    pub = ResultPublication.objects.get()
    assert Client().get(f"/results/{pub.pk}.jpg").status_code == 200


def test_when_the_sessions_share_only_the_published_view_the_card_says_so(
    world: World, pair: Pair, api_client: Callable[..., Client]
) -> None:
    # The 'before' session has a back photo too, the 'after' one has not: a mean of two
    # views is never set against one view, so the change rests on the front photos alone.
    PhotoFactory(session=pair.before, view="back", assessment=sample_assessment("back", 15.0, 12))
    caption = _card(pair, api_client(world.surgeon))
    assert "from the front photos" in caption and "back" not in caption
    for side in ("left", "right"):
        before = round(pair.before_photo.sides[side].depth_mm, 1)
        after = round(pair.after_photo.sides[side].depth_mm, 1)
        assert _card_change(caption, side) == pytest.approx(round(after - before, 1))


def test_the_gallery_names_no_patient_and_dates_no_photo(
    world: World, pair: Pair, api_client: Callable[..., Client]
) -> None:
    PhotoFactory(session=pair.before, view="back", assessment=sample_assessment("back", 15.0, 12))
    PhotoFactory(session=pair.after, view="back", assessment=sample_assessment("back", 4.0, 2.0))
    _card(pair, api_client(world.surgeon))
    html = Client().get("/results/").content.decode()
    user = pair.patient.user
    for secret in (user.full_name, user.email, str(pair.patient.pk), str(pair.before.pk)):
        assert secret and secret not in html
    for day in (pair.before.taken_on, pair.after.taken_on):
        assert day.isoformat() not in html and f"{day:%d %b %Y}".lstrip("0") not in html
        assert f"{day.day} {day:%B}" not in html
