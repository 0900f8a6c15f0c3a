"""One number per side: the same session shows the same figure for a side on every page,
document and API response, with the front and back figures it was averaged from."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hipdip.web.accounts.models import Role
from hipdip.web.documents.pdf import consultation_html
from hipdip.web.documents.selectors import consultation_record

from ..consultations.helpers import saved_plan, submitted_intake
from ..factories import (
    ClinicFactory,
    PatientFactory,
    PhotoFactory,
    PhotoSessionFactory,
    StaffFactory,
    sample_assessment,
)

pytestmark = pytest.mark.django_db

HOW = "mean of front 10.6 and back 14.8 mm"


@pytest.fixture
def w() -> Any:
    clinic = ClinicFactory()

    class W:
        patient = PatientFactory(clinic=clinic)
        surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON)
        session = PhotoSessionFactory(patient=patient)

    PhotoFactory(session=W.session, view="front", assessment=sample_assessment("front", 10.6, 4.0))
    PhotoFactory(session=W.session, view="back", assessment=sample_assessment("back", 14.8, 6.0))
    return W


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_session_page_shows_the_figure_and_both_views(w: Any) -> None:
    body = signed_in(w.surgeon).get(f"/sessions/{w.session.pk}/").content.decode()
    assert 'data-side="left">12.7 mm' in body and HOW in body
    assert "10.6" in body and "14.8" in body  # both views still shown


def test_every_page_shows_the_same_figure_for_the_session(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    saved_plan(w.patient, w.surgeon)
    client = signed_in(w.surgeon)
    pages = {
        "session": f"/sessions/{w.session.pk}/",
        "consultation": f"/patients/{w.patient.pk}/consultation/",
        "plan": f"/patients/{w.patient.pk}/plan/",
        "patient": f"/patients/{w.patient.pk}/",
    }
    for name, url in pages.items():
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 200, name
        assert "12.7 mm" in body and HOW in body, name
        assert "5.0 mm" in body and "mean of front 4.0 and back 6.0 mm" in body, name
    pdf = consultation_html(consultation_record(w.patient))
    assert 'data-side="left">Left 12.7 mm' in pdf and HOW in pdf


def test_the_api_gives_the_sessions_figure_with_each_photo(w: Any, api_client: Any) -> None:
    body = api_client(w.surgeon).get(f"/api/patients/{w.patient.pk}/photos").json()
    items = body["items"] if isinstance(body, dict) else body
    for photo in items:
        left = next(s for s in photo["session_sides"] if s["side"] == "left")
        assert left["depth_mm"] == 12.7 and left["how"] == HOW
        assert left["views"] == ["front", "back"]
