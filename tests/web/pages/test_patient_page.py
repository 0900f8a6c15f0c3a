"""A patient's page: the timeline of photo sessions and a depth chart per side."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from hipdip.web.audit.models import AuditEvent

from ..conftest import World
from ..factories import PhotoFactory, PhotoSessionFactory, sample_assessment

pytestmark = pytest.mark.django_db


def test_patient_page_shows_a_timeline_and_a_chart_per_side(
    world: World, web_client: Callable[..., Client]
) -> None:
    later = PhotoSessionFactory(patient=world.own.patient, purpose="progress")
    PhotoFactory(session=later, view="front", assessment=sample_assessment(left=9.2, right=4.0))
    response = web_client(world.surgeon).get(f"/patients/{world.own.patient.pk}/")
    html = response.content.decode()
    assert html.count('class="timeline-item"') == 2
    assert "Subject&#x27;s left side" in html and "Subject&#x27;s right side" in html
    assert html.count('<svg class="chart"') == 2
    assert "9.2" in html  # the latest left depth
    assert AuditEvent.objects.filter(
        action="patient.view", actor=world.surgeon, patient=world.own.patient
    ).exists()


def test_a_patient_sees_neutral_explanations_on_their_page(
    world: World, web_client: Callable[..., Client]
) -> None:
    html = web_client(world.patient).get(f"/patients/{world.own.patient.pk}/").content
    assert b"normal anatomy" in html
    assert b"Training" in html and b"Surgery" in html


def test_a_new_patient_page_explains_what_to_do(
    world: World, web_client: Callable[..., Client]
) -> None:
    html = web_client(world.self_signed).get(f"/patients/{world.self_signed.patient.pk}/").content
    assert b"first photos" in html and b"Photo guide" in html
