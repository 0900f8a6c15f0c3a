"""The consultation API: intake drafts and submission, history, screening, overrides."""

from __future__ import annotations

from typing import Any

import pytest

from hipdip.web.accounts.models import Role

from ..factories import ClinicFactory, PatientFactory, StaffFactory
from .helpers import complete_answers, submitted_intake

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> Any:
    clinic = ClinicFactory()

    class W:
        patient = PatientFactory(clinic=clinic)
        surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON)
        coordinator = StaffFactory(clinic=clinic, role=Role.COORDINATOR)

    return W


def test_questions_describe_every_answer_the_api_accepts(w: Any, api_client: Any) -> None:
    body = api_client(w.patient.user).get(f"/api/patients/{w.patient.pk}/intake/questions").json()
    by_name = {q["name"]: q for q in body}
    assert by_name["height_cm"]["min"] == 100 and by_name["height_cm"]["unit"] == "cm"
    assert ["yes", "Yes"] in by_name["bleeding_disorder"]["choices"]
    assert "bi_7" in by_name


def test_a_draft_put_stores_valid_answers_and_lists_rejected_ones(w: Any, api_client: Any) -> None:
    client = api_client(w.patient.user)
    response = client.put(
        f"/api/patients/{w.patient.pk}/intake",
        {"version": 0, "answers": {"height_cm": 20, "weight_kg": 900, "goals": "Smoother"}},
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 200
    assert body["intake"]["answers"] == {"goals": "Smoother"}
    assert set(body["rejected"]) == {"height_cm", "weight_kg"}
    assert body["intake"]["version"] == 1 and "consent_care" in body["intake"]["missing"]


def test_a_stale_put_is_a_409_in_the_error_shape(w: Any, api_client: Any) -> None:
    client = api_client(w.patient.user)
    url = f"/api/patients/{w.patient.pk}/intake"
    client.put(url, {"version": 0, "answers": {"goals": "A"}}, content_type="application/json")
    response = client.put(
        url, {"version": 0, "answers": {"goals": "B"}}, content_type="application/json"
    )
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "stale_version" and error["details"] == {"current_version": 1}


def test_submitting_incomplete_answers_is_422_with_a_message_per_question(
    w: Any, api_client: Any
) -> None:
    response = api_client(w.patient.user).post(
        f"/api/patients/{w.patient.pk}/intake/submit",
        {"version": 0, "answers": {"weight_kg": 64}},
        content_type="application/json",
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_answers" and "goals" in error["details"]


def test_submit_then_change_then_read_the_history(w: Any, api_client: Any) -> None:
    client = api_client(w.coordinator)
    base = f"/api/patients/{w.patient.pk}/intake"
    sent = client.post(
        f"{base}/submit",
        {"version": 0, "answers": complete_answers()},
        content_type="application/json",
    ).json()
    assert sent["status"] == "submitted" and sent["missing"] == {}
    changed = client.put(
        base,
        {"version": sent["version"], "answers": {"alcohol": "none"}},
        content_type="application/json",
    )
    assert changed.status_code == 200
    history = client.get(f"{base}/history").json()
    assert [h["kind"] for h in history] == ["changed", "submitted"]
    assert history[0]["changes"][0] == {
        "field": "alcohol",
        "label": "Alcohol",
        "old": "1 to 7 drinks a week",
        "new": "None",
    }


def test_screening_shows_staff_text_to_staff_and_plain_words_to_the_patient(
    w: Any, api_client: Any
) -> None:
    submitted_intake(w.patient, w.patient.user, medications=["Xarelto 20 mg"])
    url = f"/api/patients/{w.patient.pk}/screening"
    staff = api_client(w.surgeon).get(url).json()
    assert staff["unresolved_stops"] == ["anticoagulant"]
    assert "prescribing doctor" in staff["findings"][0]["text"]
    own = api_client(w.patient.user).get(url).json()
    assert own["unresolved_stops"] == [] and own["body_image"] is None
    assert own["findings"][0]["text"].startswith("Please keep taking Xarelto")


def test_only_a_surgeon_overrides_through_the_api(w: Any, api_client: Any) -> None:
    submitted_intake(w.patient, w.patient.user, medications=["Xarelto 20 mg"])
    url = f"/api/patients/{w.patient.pk}/screening/overrides"
    data = {"code": "anticoagulant", "reason": "Bridging plan agreed"}
    assert (
        api_client(w.coordinator).post(url, data, content_type="application/json").status_code
        == 403
    )
    response = api_client(w.surgeon).post(url, data, content_type="application/json")
    assert response.status_code == 201 and response.json()["reason"] == "Bridging plan agreed"
    missing = api_client(w.surgeon).post(
        url, {"code": "anticoagulant", "reason": ""}, content_type="application/json"
    )
    assert missing.status_code == 422
