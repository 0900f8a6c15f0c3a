"""The photo session pages: upload form, result page that updates itself, failures."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from hipdip.web.assessments.models import PhotoSession, Status

from ...conftest import World, jpeg_bytes
from ...factories import PhotoFactory

pytestmark = pytest.mark.django_db


def _file(data: bytes, name: str) -> io.BytesIO:
    f = io.BytesIO(data)
    f.name = name
    return f


def test_upload_form_leads_to_the_session_page(
    world: World,
    web_client: Callable[..., Client],
    fake_analysis: list[str],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = web_client(world.patient)
    form = client.get(f"/patients/{world.own.patient.pk}/sessions/new/")
    assert b'name="front"' in form.content and b'name="back"' in form.content
    assert b'value="170.0"' in form.content  # the last height is offered again
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/patients/{world.own.patient.pk}/sessions/new/",
            {
                "front": _file(jpeg_bytes(), "f.jpg"),
                "back": _file(jpeg_bytes(), "b.jpg"),
                "height_cm": "166.5",
                "weight_kg": "61",
                "purpose": "progress",
                "taken_on": "2024-05-01",
            },
        )
    session = PhotoSession.objects.exclude(pk=world.own.session.pk).get(patient=world.own.patient)
    assert response["Location"] == f"/sessions/{session.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Front view" in page and "Back view" in page
    assert page.index("Front view") < page.index("Back view")
    assert "7.4" in page and "hx-trigger" not in page  # done: no more polling


def test_upload_errors_are_shown_next_to_the_form(
    world: World, web_client: Callable[..., Client]
) -> None:
    client = web_client(world.patient)
    url = f"/patients/{world.own.patient.pk}/sessions/new/"
    missing = client.post(
        url, {"height_cm": "170", "purpose": "progress", "taken_on": "2024-01-01"}
    )
    assert b"Add a front or a back photo" in missing.content
    bad = client.post(
        url,
        {
            "front": _file(b"not an image", "x.jpg"),
            "height_cm": "170",
            "purpose": "progress",
            "taken_on": "2024-01-01",
        },
    )
    assert b"not a supported image" in bad.content
    week = client.post(
        url,
        {
            "front": _file(jpeg_bytes(), "x.jpg"),
            "height_cm": "170",
            "purpose": "post_op",
            "taken_on": "2024-01-01",
        },
    )
    assert b"how many weeks after surgery" in week.content
    assert PhotoSession.objects.filter(patient=world.own.patient).count() == 1


def test_a_pending_session_polls_until_the_analysis_is_done(
    world: World, web_client: Callable[..., Client], fake_analysis: list[str]
) -> None:
    from hipdip.web.assessments.services.analysis import photo_analyse

    photo = PhotoFactory(session__patient=world.own.patient, status=Status.PENDING)
    client = web_client(world.patient)
    page = client.get(f"/sessions/{photo.session_id}/").content.decode()
    assert 'hx-trigger="every 2s"' in page and "Analysing" in page
    poll = client.get(f"/sessions/{photo.session_id}/status/").content.decode()
    assert 'hx-trigger="every 2s"' in poll and "<html" not in poll
    photo_analyse(photo_id=photo.pk)
    final = client.get(f"/sessions/{photo.session_id}/status/").content.decode()
    assert "hx-trigger" not in final
    assert "7.4" in final and f"/photos/{photo.pk}/overlay/" in final


def test_a_failed_photo_explains_how_to_retake_it_and_offers_a_retry(
    world: World, web_client: Callable[..., Client]
) -> None:
    page = web_client(world.patient).get(f"/sessions/{world.own.session.pk}/").content.decode()
    assert "could not be measured" in page
    assert "No person was found in the photo." in page
    assert "whole body is in the frame" in page  # the retake tip for no_person
    assert f"/photos/{world.own.failed.pk}/retry/" in page


def test_warnings_come_with_retake_advice(world: World, web_client: Callable[..., Client]) -> None:
    photo = world.own.done
    photo.assessment_data["warnings"] = [{"code": "blurred", "message": "The photo is blurred."}]
    photo.save()
    page = web_client(world.coordinator).get(f"/sessions/{world.own.session.pk}/").content.decode()
    assert "The photo is blurred." in page and "Next time:" in page and "timer" in page


def test_retrying_from_the_page(
    world: World,
    web_client: Callable[..., Client],
    fake_analysis: list[str],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = web_client(world.patient)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/photos/{world.own.failed.pk}/retry/")
    assert response["Location"] == f"/sessions/{world.own.session.pk}/"
    world.own.failed.refresh_from_db()
    assert world.own.failed.status == Status.DONE


def test_a_photo_waiting_too_long_offers_to_queue_it_again(
    world: World, web_client: Callable[..., Client]
) -> None:
    from hipdip.web.assessments.models import Photo

    photo = PhotoFactory(session__patient=world.own.patient, status=Status.PENDING)
    client = web_client(world.patient)
    assert b"Queue it again" not in client.get(f"/sessions/{photo.session_id}/").content
    Photo.objects.filter(pk=photo.pk).update(queued_at=photo.queued_at.replace(year=2020))
    page = client.get(f"/sessions/{photo.session_id}/").content
    assert b"Queue it again" in page and f"/photos/{photo.pk}/retry/".encode() in page


def test_each_depth_shows_its_90_percent_range_and_an_uncertain_presence(
    world: World, web_client: Callable[..., Client]
) -> None:
    photo = world.own.done
    sides = photo.assessment_data["sides"]
    sides["left"].update(depth_interval_mm=[6.1, 8.9], presence="present")
    sides["right"].update(depth_mm=2.6, depth_interval_mm=[1.2, 4.4], presence="uncertain")
    photo.save()
    page = web_client(world.patient).get(f"/sessions/{world.own.session.pk}/").content.decode()
    assert "6.1–8.9 mm" in page and "1.2–4.4 mm" in page
    assert page.count('<span class="range presence-uncertain">dip uncertain</span>') == 1


def test_a_result_stored_before_ranges_existed_shows_no_range(
    world: World, web_client: Callable[..., Client]
) -> None:
    photo = world.own.done
    for side in photo.assessment_data["sides"].values():
        side.pop("depth_interval_mm", None)
        side.pop("presence", None)
    photo.save()
    page = web_client(world.patient).get(f"/sessions/{world.own.session.pk}/").content.decode()
    assert "depth-range" not in page and "presence-uncertain" not in page
