"""Consultation pages in the Django test client: autosave, submission, history, findings."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hipdip.web.accounts.models import Role
from hipdip.web.audit.models import AuditEvent, Outcome
from hipdip.web.consultations.models import FindingOverride, IntakeStatus
from hipdip.web.consultations.selectors import intake_of

from ..factories import ClinicFactory, PatientFactory, StaffFactory
from .helpers import complete_answers, measured_session, submitted_intake

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> Any:
    clinic = ClinicFactory()

    class W:
        patient = PatientFactory(clinic=clinic)
        surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON)
        coordinator = StaffFactory(clinic=clinic, role=Role.COORDINATOR)

    return W


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(answers: dict[str, Any], version: int, action: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {"version": str(version)}
    for name, value in answers.items():
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list):
            data[name] = "\n".join(value)
        else:
            data[name] = str(value)
    if action:
        data["action"] = action
    return data


def test_autosave_keeps_valid_answers_and_explains_the_rest_inline(w: Any) -> None:
    client = client_for(w.patient.user)
    url = f"/patients/{w.patient.pk}/intake/autosave/"
    response = client.post(url, {"version": "0", "height_cm": "20", "weight_kg": "64"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="err-height_cm"' in body and "between 100 and 250 cm; you entered 20" in body
    assert 'name="version" value="1" id="intake-version" hx-swap-oob="true"' in body
    assert intake_of(w.patient).answers == {"weight_kg": 64.0}  # type: ignore[union-attr]


def test_autosave_from_a_stale_page_asks_to_reload_and_overwrites_nothing(w: Any) -> None:
    coordinator = client_for(w.coordinator)
    coordinator.post(f"/patients/{w.patient.pk}/intake/autosave/", {"version": "0", "goals": "A"})
    response = client_for(w.patient.user).post(
        f"/patients/{w.patient.pk}/intake/autosave/", {"version": "0", "goals": "B"}
    )
    assert "Reload" in response.content.decode()
    assert intake_of(w.patient).answers["goals"] == "A"  # type: ignore[union-attr]


def test_sending_an_incomplete_form_shows_every_gap_and_keeps_what_was_typed(w: Any) -> None:
    client = client_for(w.patient.user)
    data = form_data({"goals": "Smoother hips", "height_cm": "1680"}, 0, "submit")
    response = client.post(f"/patients/{w.patient.pk}/intake/", data)
    body = response.content.decode()
    assert response.status_code == 422
    assert "still need your attention" in body
    assert "Please tick this box to send your answers." in body
    assert "between 100 and 250 cm; you entered 1680" in body
    assert "Smoother hips" in body  # nothing typed is lost


def test_a_patient_fills_and_sends_the_intake_then_sees_a_summary(w: Any) -> None:
    client = client_for(w.patient.user)
    response = client.post(
        f"/patients/{w.patient.pk}/intake/", form_data(complete_answers(), 0, "submit")
    )
    assert response.status_code == 302
    intake = intake_of(w.patient)
    assert intake is not None and intake.status == IntakeStatus.SUBMITTED
    page = client.get(response["Location"]).content.decode()
    assert "Your answers" in page and "Fish oil capsules" in page and "Change answers" in page


def test_staff_change_a_sent_intake_and_the_history_shows_it(w: Any) -> None:
    intake = submitted_intake(w.patient, w.patient.user)
    client = client_for(w.coordinator)
    edit = client.get(f"/patients/{w.patient.pk}/intake/?edit=1").content.decode()
    assert "Save changes" in edit and "hx-post" not in edit.split("<form")[1].split(">")[0]
    answers = {**complete_answers(), "weight_kg": "70"}
    response = client.post(
        f"/patients/{w.patient.pk}/intake/", form_data(answers, intake.version, "update")
    )
    assert response.status_code == 302
    history = client.get(f"/patients/{w.patient.pk}/intake/history/").content.decode()
    assert "Changed after submission" in history and "63.5 kg" in history and "70 kg" in history
    assert w.coordinator.full_name in history


def test_staff_see_the_clinical_findings_and_the_patient_plain_words(w: Any) -> None:
    measured_session(w.patient)
    submitted_intake(w.patient, w.patient.user, nicotine="current", medications=["Plavix"])
    staff = client_for(w.surgeon).get(f"/patients/{w.patient.pk}/consultation/").content.decode()
    assert "necrosis (3.6x)" in staff and "Go ahead despite this finding" in staff
    own = client_for(w.patient.user).get(f"/patients/{w.patient.pk}/consultation/")
    page = own.content.decode()
    assert "Nicotine slows healing" in page and "Please keep taking Plavix" in page
    assert "necrosis" not in page and ">stop<" not in page.lower()


def test_only_a_surgeon_records_an_override(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user, medications=["Plavix"])
    data = {"code": "antiplatelet", "reason": "Cardiologist agreed a plan"}
    url = f"/patients/{w.patient.pk}/findings/override/"
    assert client_for(w.coordinator).post(url, data).status_code == 403
    assert client_for(w.patient.user).post(url, data).status_code == 403
    response = client_for(w.surgeon).post(url, data)
    assert response.status_code == 302
    assert FindingOverride.objects.get(patient=w.patient).reason == "Cardiologist agreed a plan"


def test_an_override_never_redirects_off_site(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user, medications=["Plavix"])
    response = client_for(w.surgeon).post(
        f"/patients/{w.patient.pk}/findings/override/",
        {"code": "antiplatelet", "reason": "ok", "next": "https://evil.example/"},
    )
    assert response["Location"] == f"/patients/{w.patient.pk}/consultation/"


def test_another_patients_intake_is_not_found_and_the_attempt_is_audited(w: Any) -> None:
    other = PatientFactory(clinic=w.patient.clinic)
    submitted_intake(other, other.user)
    response = client_for(w.patient.user).get(f"/patients/{other.pk}/intake/")
    assert response.status_code == 404
    assert AuditEvent.objects.filter(
        actor=w.patient.user, patient=other, outcome=Outcome.DENIED
    ).exists()


def test_every_page_view_is_audited(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    client = client_for(w.coordinator)
    for path in ("consultation/", "intake/", "intake/history/"):
        client.get(f"/patients/{w.patient.pk}/{path}")
    actions = set(AuditEvent.objects.filter(actor=w.coordinator).values_list("action", flat=True))
    assert {"consultation.view", "intake.view", "intake.history.view"} <= actions
