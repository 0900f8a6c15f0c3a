"""One height, cross-checked: the patient's height history, photo sessions checked against
it and against earlier body proportions, held back from plans until staff confirm or
correct them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hipdip.vision.assessment import Geometry
from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role
from hipdip.web.assessments.models import Photo, Status
from hipdip.web.assessments.selectors.heightcheck import session_check
from hipdip.web.assessments.services import sessions as session_services
from hipdip.web.audit.models import AuditEvent
from hipdip.web.clinic.models import ClinicCareSettings
from hipdip.web.consultations.clinical import planning_measurements
from hipdip.web.documents.pdf import consultation_html
from hipdip.web.documents.selectors import consultation_record
from hipdip.web.patients.models import HeightSource, PatientHeight
from hipdip.web.patients.selectors import current_height

from ..conftest import jpeg_bytes
from ..consultations.helpers import submitted_intake
from ..factories import (
    ClinicFactory,
    PatientFactory,
    PhotoFactory,
    PhotoSessionFactory,
    StaffFactory,
    sample_assessment,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> Any:
    clinic = ClinicFactory()

    class W:
        patient = PatientFactory(clinic=clinic)
        coordinator = StaffFactory(clinic=clinic, role=Role.COORDINATOR)
        surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON)

    W.clinic = clinic  # type: ignore[attr-defined]
    return W


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload(w: Any, height: str, capture: Any) -> Any:
    with capture(execute=True):
        return session_services.photo_session_create(
            actor=Actor(w.coordinator, "web"),
            patient=w.patient,
            purpose="consultation",
            height_cm=height,
            images={"front": jpeg_bytes(), "back": jpeg_bytes()},
        )


def test_the_intake_writes_the_height_history_and_the_latest_is_current(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user, height_cm="180")
    entry = current_height(w.patient)
    assert entry is not None and entry.height_cm == 180 and entry.source == HeightSource.INTAKE
    assert AuditEvent.objects.filter(action="patient.height_record").exists()


def test_the_intake_form_and_new_session_form_offer_the_recorded_height(w: Any) -> None:
    PatientHeight.objects.create(patient=w.patient, height_cm=171.5, source=HeightSource.STAFF)
    client = signed_in(w.coordinator)
    intake = client.get(f"/patients/{w.patient.pk}/intake/").content.decode()
    assert 'value="171.5"' in intake
    new = client.get(f"/patients/{w.patient.pk}/sessions/new/").content.decode()
    assert 'value="171.5"' in new


def test_a_session_within_the_tolerance_is_used_and_confirms_its_height(
    w: Any, fake_analysis: Any, django_capture_on_commit_callbacks: Any
) -> None:
    submitted_intake(w.patient, w.patient.user, height_cm="180")
    session = upload(w, "182", django_capture_on_commit_callbacks)
    assert not session_check(session).flagged
    assert planning_measurements(w.patient).session == session
    assert current_height(w.patient).height_cm == 182  # type: ignore[union-attr]


def test_a_session_with_another_height_is_held_back_with_a_plain_explanation(
    w: Any, fake_analysis: Any, django_capture_on_commit_callbacks: Any
) -> None:
    submitted_intake(w.patient, w.patient.user, height_cm="180")
    session = upload(w, "196", django_capture_on_commit_callbacks)
    check = session_check(session)
    assert check.held_back
    assert current_height(w.patient).height_cm == 180  # type: ignore[union-attr]
    measurements = planning_measurements(w.patient)
    assert measurements.session is None and measurements.held_back == (session,)

    page = signed_in(w.coordinator).get(f"/sessions/{session.pk}/").content.decode()
    assert "196.0 cm, is 16.0 cm more than the patient" in page and "height of 180.0 cm" in page
    assert "Confirm this session" in page and "Correct and measure again" in page
    own = signed_in(w.patient.user).get(f"/sessions/{session.pk}/").content.decode()
    assert "Your clinic will check these photos" in own and "Confirm this session" not in own

    card = signed_in(w.surgeon).get(f"/patients/{w.patient.pk}/consultation/").content.decode()
    assert "not used until staff confirm or correct them" in card
    assert "7.4 mm" not in card  # the held-back figures reach no card
    pdf = consultation_html(consultation_record(w.patient))
    assert "196" not in pdf and "180.0 cm" in pdf  # one height


def test_staff_confirm_a_flagged_session_with_a_reason_and_it_is_audited(
    w: Any, fake_analysis: Any, django_capture_on_commit_callbacks: Any
) -> None:
    submitted_intake(w.patient, w.patient.user, height_cm="180")
    session = upload(w, "196", django_capture_on_commit_callbacks)
    client = signed_in(w.coordinator)
    url = f"/sessions/{session.pk}/height/confirm/"
    client.post(url, {"reason": ""})
    session.refresh_from_db()
    assert session.height_reviewed_at is None  # no reason, no confirmation

    response = client.post(url, {"reason": "Measured at the clinic today: 196 cm"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.height_reviewed_by == w.coordinator
    assert not session_check(session).held_back
    assert planning_measurements(w.patient).session == session
    current = current_height(w.patient)
    assert current is not None and current.height_cm == 196 and current.source == "staff"
    assert AuditEvent.objects.filter(
        action="photo_session.height_confirm", object_id=str(session.pk)
    ).exists()
    page = client.get(f"/sessions/{session.pk}/").content.decode()
    assert "Measured at the clinic today" in page


def test_staff_correct_the_height_and_the_photos_are_measured_again(
    w: Any, fake_analysis: list[str], django_capture_on_commit_callbacks: Any
) -> None:
    submitted_intake(w.patient, w.patient.user, height_cm="180")
    session = upload(w, "196", django_capture_on_commit_callbacks)
    fake_analysis.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(w.surgeon).post(
            f"/sessions/{session.pk}/height/correct/",
            {"height_cm": "180.0", "reason": "Typo at upload; she is 180 cm"},
        )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.height_cm == 180
    assert sorted(fake_analysis) == sorted(str(p.pk) for p in session.photos.all())
    assert all(p.status == Status.DONE for p in session.photos.all())
    assert not session_check(session).flagged
    assert planning_measurements(w.patient).session == session
    assert AuditEvent.objects.filter(action="photo_session.height_correct").exists()


def test_patients_cannot_review_a_flagged_session(
    w: Any, fake_analysis: Any, django_capture_on_commit_callbacks: Any
) -> None:
    submitted_intake(w.patient, w.patient.user, height_cm="180")
    session = upload(w, "196", django_capture_on_commit_callbacks)
    response = signed_in(w.patient.user).post(
        f"/sessions/{session.pk}/height/confirm/", {"reason": "It is me, honestly"}
    )
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.height_reviewed_at is None


def test_the_tolerance_is_the_clinics_setting(
    w: Any, fake_analysis: Any, django_capture_on_commit_callbacks: Any
) -> None:
    ClinicCareSettings.objects.create(clinic=w.clinic, overrides={"height_tolerance_cm": 10})
    submitted_intake(w.patient, w.patient.user, height_cm="180")
    session = upload(w, "188", django_capture_on_commit_callbacks)
    assert not session_check(session).flagged


def _geometry(*, shoulder: float = 0.20, hip: float = 0.10, leg: float = 0.45) -> dict[str, Any]:
    stature, top = 1000.0, 100.0
    hip_y = top + 500.0
    pts = {
        "shoulder_left": (500 + shoulder * stature / 2, top + 180),
        "shoulder_right": (500 - shoulder * stature / 2, top + 180),
        "hip_left": (500 + hip * stature / 2, hip_y),
        "hip_right": (500 - hip * stature / 2, hip_y),
        "ankle_left": (500 + hip * stature / 2, hip_y + leg * stature),
        "ankle_right": (500 - hip * stature / 2, hip_y + leg * stature),
    }
    g = Geometry(
        outline_xy={},
        envelope_xy={},
        deepest_xy={},
        joints_xy={},
        level_rows={},
        image_size_hw=(1300, 1000),
        image_side={"left": 1, "right": -1},
        body_points_xy=pts,
        stature_rows=(top, top + stature),
    )
    return g.to_dict()


def _session_with_body(w: Any, taken_on: Any, **ratios: float) -> Any:
    session = PhotoSessionFactory(patient=w.patient, taken_on=taken_on, height_cm=170)
    data = {**sample_assessment("front"), "geometry": _geometry(**ratios)}
    PhotoFactory(session=session, view="front", assessment=data)
    return session


def test_photos_of_a_differently_built_person_are_held_back(w: Any) -> None:
    import datetime as dt

    today = dt.date.today()
    first = _session_with_body(w, today - dt.timedelta(days=30))
    same = _session_with_body(w, today - dt.timedelta(days=10), shoulder=0.205, leg=0.46)
    other = _session_with_body(w, today, shoulder=0.27, leg=0.38)
    assert not session_check(first).flagged and not session_check(same).flagged
    check = session_check(other)
    assert check.held_back and {p.ratio for p in check.proportions} == {"shoulder", "leg"}
    assert planning_measurements(w.patient).session == same
    page = signed_in(w.coordinator).get(f"/sessions/{other.pk}/").content.decode()
    assert "shoulder width is" in page and "earlier photos" in page


def test_the_answers_read_the_recorded_height(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user, height_cm="180")
    PatientHeight.objects.create(patient=w.patient, height_cm=176, source=HeightSource.STAFF)
    record = consultation_record(w.patient)
    assert record.answers["height_cm"] == "176.0"
    assert Photo.objects.count() == 0


def test_stored_questionnaire_heights_enter_the_history_on_upgrade(w: Any) -> None:
    import importlib

    from django.apps import apps

    from hipdip.web.consultations.models import Intake

    submitted_intake(w.patient, w.patient.user, height_cm="180")
    other = PatientFactory(clinic=w.clinic)
    typo = Intake.objects.get(pk=submitted_intake(other, other.user).pk)
    Intake.objects.filter(pk=typo.pk).update(answers={**typo.answers, "height_cm": "12"})
    PatientHeight.objects.all().delete()  # as before the history existed
    migration = importlib.import_module(
        "hipdip.web.consultations.migrations.0002_intake_heights_into_history"
    )
    migration.forwards(apps, None)
    migration.forwards(apps, None)  # twice is harmless
    assert list(PatientHeight.objects.values_list("patient_id", "height_cm", "source")) == [
        (w.patient.pk, 180, "intake")
    ]


def test_the_api_says_when_a_session_is_held_back(
    w: Any, fake_analysis: Any, django_capture_on_commit_callbacks: Any, api_client: Any
) -> None:
    submitted_intake(w.patient, w.patient.user, height_cm="180")
    upload(w, "196", django_capture_on_commit_callbacks)
    body = api_client(w.coordinator).get(f"/api/patients/{w.patient.pk}/photos").json()
    items = body["items"] if isinstance(body, dict) else body
    assert items and all(p["session_held_back"] for p in items)
    assert "16.0 cm more" in items[0]["session_concerns"][0]


def test_the_patient_page_shows_the_height_history_and_the_current_height(
    w: Any, fake_analysis: Any, django_capture_on_commit_callbacks: Any
) -> None:
    submitted_intake(w.patient, w.patient.user, height_cm="180")
    upload(w, "196", django_capture_on_commit_callbacks)
    page = signed_in(w.patient.user).get(f"/patients/{w.patient.pk}/").content.decode()
    history = page.split('id="height-history"')[1].split("</ol>")[0]
    assert "196.0 cm</b> · Photo session" in history and "not confirmed" in history
    assert "180.0 cm</b> · Questionnaire" in history and "current" in history
