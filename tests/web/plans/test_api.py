"""The plans API: optimistic locking (409), approval, checklist ticks, procedure records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from hipdip.web.accounts.models import Role
from hipdip.web.plans.models import ProcedureRecord
from hipdip.web.recovery.models import RecoveryCourse

from ..consultations.helpers import (
    approved_plan,
    measured_session,
    saved_plan,
    submitted_intake,
    tick_whole_checklist,
)
from ..factories import ClinicFactory, PatientFactory, StaffFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def w() -> Any:
    clinic = ClinicFactory()

    class W:
        patient = PatientFactory(clinic=clinic)
        surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON)
        coordinator = StaffFactory(clinic=clinic, role=Role.COORDINATOR)

    measured_session(W.patient)
    submitted_intake(W.patient, W.patient.user)
    return W


def put_plan(client: Any, w: Any, version: int, **changes: Any) -> Any:
    body = {"version": version, "donor_sites": ["abdomen"], **changes}
    return client.put(f"/api/patients/{w.patient.pk}/plan", body, content_type="application/json")


def test_two_clients_editing_one_plan_get_200_then_409(w: Any, api_client: Any) -> None:
    first = put_plan(api_client(w.surgeon), w, 0)
    assert first.status_code == 200 and first.json()["version"] == 1
    estimate = first.json()["estimate"]
    assert estimate["sides"][0]["injected"]["expected_ml"] > 0
    assert estimate["assumptions"]["processing_yield"] == 0.26
    a = put_plan(api_client(w.surgeon), w, 1, anaesthesia="general")
    b = put_plan(api_client(w.coordinator), w, 1, anaesthesia="sedation")
    assert a.status_code == 200 and b.status_code == 409
    assert b.json()["error"]["code"] == "stale_version"
    assert (
        api_client(w.coordinator)
        .get(f"/api/patients/{w.patient.pk}/plan")
        .json()["choices"]["anaesthesia"]
        == "general"
    )


def test_invalid_plan_values_are_422_by_field(w: Any, api_client: Any) -> None:
    response = put_plan(
        api_client(w.surgeon),
        w,
        0,
        surgery_date=(TODAY - dt.timedelta(days=3)).isoformat(),
        donor_sites=["knees"],
    )
    assert response.status_code == 422
    assert set(response.json()["error"]["details"]) == {"surgery_date", "donor_sites"}


def test_approval_needs_a_surgeon_and_the_current_version(w: Any, api_client: Any) -> None:
    put_plan(api_client(w.surgeon), w, 0)
    url = f"/api/patients/{w.patient.pk}/plan/approve"
    coordinator = api_client(w.coordinator).post(
        url, {"version": 1}, content_type="application/json"
    )
    assert coordinator.status_code == 403
    stale = api_client(w.surgeon).post(url, {"version": 0}, content_type="application/json")
    assert stale.status_code == 409
    ok = api_client(w.surgeon).post(url, {"version": 1}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["approved"]["figures"]["sides"]


def test_a_patient_sees_the_plan_only_once_approved(w: Any, api_client: Any) -> None:
    put_plan(api_client(w.surgeon), w, 0)
    url = f"/api/patients/{w.patient.pk}/plan"
    assert api_client(w.patient.user).get(url).status_code == 404
    api_client(w.surgeon).post(f"{url}/approve", {"version": 1}, content_type="application/json")
    assert api_client(w.patient.user).get(url).json()["status"] == "approved"
    assert put_plan(api_client(w.patient.user), w, 2).status_code == 403


def test_the_checklist_and_its_ticks(w: Any, api_client: Any) -> None:
    put_plan(api_client(w.surgeon), w, 0, surgery_date=(TODAY + dt.timedelta(days=21)).isoformat())
    client = api_client(w.patient.user)
    checklist = client.get(f"/api/patients/{w.patient.pk}/preop").json()
    assert checklist["reason"] == "" and checklist["items"]
    key = checklist["items"][0]["key"]
    after = client.post(
        f"/api/patients/{w.patient.pk}/preop/ticks",
        {"key": key, "done": True},
        content_type="application/json",
    ).json()
    assert next(i for i in after["items"] if i["key"] == key)["done"] is True


def _procedure_body(w: Any) -> dict[str, Any]:
    return {
        "version": 0,
        "performed_on": TODAY.isoformat(),
        "surgeon_id": w.surgeon.pk,
        "anaesthesia": "sedation",
        "harvest": {"abdomen": 500},
        "processing": "filtration",
        "injected_left_ml": 70,
        "injected_right_ml": 50,
        "plane_left": "subcutaneous",
        "plane_right": "subcutaneous",
        "duration_min": 130,
        "complications": ["none"],
    }


def test_procedure_record_round_trip(w: Any, api_client: Any) -> None:
    approved_plan(w.patient, w.surgeon, surgery_date=TODAY)
    tick_whole_checklist(w.patient, w.patient.user)
    body = _procedure_body(w)
    client = api_client(w.coordinator)
    url = f"/api/patients/{w.patient.pk}/procedure"
    assert client.get(url).status_code == 404
    saved = client.put(url, body, content_type="application/json")
    assert saved.status_code == 200, saved.content
    rows = {r["label"]: r for r in saved.json()["comparison"]}
    assert rows["Anaesthesia"]["flag"] == "differs"
    again = client.put(url, body, content_type="application/json")
    assert again.status_code == 409
    assert api_client(w.patient.user).get(url).status_code == 403


def test_the_api_refuses_a_procedure_against_an_unapproved_plan_with_409(
    w: Any, api_client: Any
) -> None:
    saved_plan(w.patient, w.surgeon, surgery_date=TODAY)
    url = f"/api/patients/{w.patient.pk}/procedure"
    refused = api_client(w.surgeon).put(url, _procedure_body(w), content_type="application/json")
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "plan_not_approved"
    assert not ProcedureRecord.objects.exists() and not RecoveryCourse.objects.exists()
    checks = api_client(w.surgeon).get(url + "/checks")
    assert checks.status_code == 409


def test_the_api_lists_the_checks_and_takes_a_surgeons_overrides(w: Any, api_client: Any) -> None:
    approved_plan(w.patient, w.surgeon, surgery_date=TODAY + dt.timedelta(days=5))
    url = f"/api/patients/{w.patient.pk}/procedure"
    surgeon = api_client(w.surgeon)
    checks = surgeon.get(url + "/checks", {"performed_on": TODAY.isoformat()}).json()
    assert [c["item"] for c in checks] == ["early", "checklist"]
    body = _procedure_body(w)
    refused = surgeon.put(url, body, content_type="application/json")
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["code"] == "override_required"
    assert [i["item"] for i in error["details"]["overrides_needed"]] == ["early", "checklist"]
    body["overrides"] = [{"item": "early", "reason": "Hospital moved the list."}]
    body["override_reason"] = "Checklist confirmed with the patient on the day."
    coordinator = api_client(w.coordinator).put(
        url,
        {**body, "overrides": [{"item": "early"}, {"item": "checklist"}]},
        content_type="application/json",
    )
    assert coordinator.status_code == 403
    body["overrides"].append({"item": "checklist", "reason": ""})
    saved = surgeon.put(url, body, content_type="application/json")
    assert saved.status_code == 200, saved.content
    got = {o["item"]: o for o in saved.json()["overrides"]}
    assert got["early"]["reason"] == "Hospital moved the list."
    assert got["checklist"]["reason"].startswith("Checklist confirmed")


def test_the_api_shows_drift_and_a_surgeon_reconfirms(w: Any, api_client: Any) -> None:
    plan = approved_plan(w.patient, w.surgeon)
    session = measured_session(w.patient, left=10.6, right=3.0)
    session.taken_on = TODAY
    session.save()
    url = f"/api/patients/{w.patient.pk}/plan"
    body = api_client(w.coordinator).get(url).json()
    assert body["needs_reconfirmation"] is True
    assert {s["side"] for s in body["drift"]["sides"]} == {"left", "right"}
    assert body["approved"]["figures"]["sides"][0]["depth_mm"] == 7.4
    no_reason = api_client(w.surgeon).post(
        url + "/reconfirm", {"version": plan.version}, content_type="application/json"
    )
    assert no_reason.status_code == 400
    assert no_reason.json()["error"]["code"] == "reason_required"
    ok = api_client(w.surgeon).post(
        url + "/reconfirm",
        {"version": plan.version, "reason": "Re-examined: unchanged."},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["needs_reconfirmation"] is False


def test_a_patient_sees_only_the_approved_figures_never_a_fresh_estimate(
    w: Any, api_client: Any
) -> None:
    approved_plan(w.patient, w.surgeon)
    session = measured_session(w.patient, left=10.6, right=3.0)
    session.taken_on = TODAY
    session.save()
    body = api_client(w.patient.user).get(f"/api/patients/{w.patient.pk}/plan").json()
    assert body["estimate"] is None and body["drift"] is None
    assert body["approved"]["figures"]["sides"][0]["depth_mm"] == 7.4
