"""Plan, checklist and procedure pages: conflicts, previews, approval, ticks, the record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from hipdip.web.accounts.models import Role
from hipdip.web.plans.models import PlanStatus, ProcedureRecord, TreatmentPlan
from hipdip.web.plans.preop import checklist_for

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
        surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON, full_name="Dr Sid Surgeon")
        coordinator = StaffFactory(clinic=clinic, role=Role.COORDINATOR, full_name="Cora Coord")

    measured_session(W.patient)
    submitted_intake(W.patient, W.patient.user)
    return W


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def plan_form(version: int, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": version,
        "graft_sides": "both",
        "plane_left": "subcutaneous",
        "plane_right": "subcutaneous",
        "donor_sites": ["abdomen", "flanks"],
        "contour_liposuction_ml": 0,
        "anaesthesia": "local_tumescent",
        "surgery_date": "",
        "notes": "",
    }
    data.update(changes)
    return data


def test_staff_see_the_estimate_and_save_a_first_plan(w: Any) -> None:
    client = client_for(w.coordinator)
    page = client.get(f"/patients/{w.patient.pk}/plan/").content.decode()
    assert "How the estimate is made" in page and "half an ellipsoid" in page
    response = client.post(f"/patients/{w.patient.pk}/plan/", plan_form(0))
    assert response.status_code == 302
    assert TreatmentPlan.objects.get(patient=w.patient).version == 1


def test_the_second_of_two_editors_gets_a_409_with_both_versions_and_keeps_their_input(
    w: Any,
) -> None:
    saved_plan(w.patient, w.coordinator)  # version 1, opened by both
    url = f"/patients/{w.patient.pk}/plan/"
    first = client_for(w.surgeon).post(url, plan_form(1, anaesthesia="general"))
    assert first.status_code == 302
    second = client_for(w.coordinator).post(url, plan_form(1, anaesthesia="sedation", notes="Mine"))
    body = second.content.decode()
    assert second.status_code == 409
    assert "Dr Sid Surgeon saved this plan" in body and "Your changes were not saved" in body
    assert "General" in body and "Intravenous sedation" in body  # theirs next to yours
    assert "Mine" in body  # the coordinator's notes are still in the form
    assert 'name="version" value="2"' in body  # saving again applies on top of theirs
    plan = TreatmentPlan.objects.get(patient=w.patient)
    assert (plan.anaesthesia, plan.version) == ("general", 2)


def test_a_past_surgery_date_is_refused_on_the_page(w: Any) -> None:
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    response = client_for(w.coordinator).post(
        f"/patients/{w.patient.pk}/plan/", plan_form(0, surgery_date=yesterday)
    )
    assert response.status_code == 422
    assert "cannot be in the past" in response.content.decode()


def test_the_preview_recomputes_without_saving(w: Any) -> None:
    response = client_for(w.surgeon).post(
        f"/patients/{w.patient.pk}/plan/preview/", plan_form(0, plane_left="intramuscular")
    )
    body = response.content.decode()
    assert "Estimate for these choices" in body and "fatal pulmonary fat embolism" in body
    assert not TreatmentPlan.objects.filter(patient=w.patient).exists()


def test_a_coordinator_cannot_approve_and_a_surgeon_can(w: Any) -> None:
    plan = saved_plan(w.patient, w.coordinator)
    url = f"/patients/{w.patient.pk}/plan/approve/"
    assert client_for(w.coordinator).post(url, {"version": plan.version}).status_code == 403
    surgeon = client_for(w.surgeon)
    # the old one-click form no longer approves: it lands on the confirmation page
    one_click = surgeon.post(url, {"version": plan.version})
    assert one_click.status_code == 200 and "Confirm approval" in one_click.content.decode()
    assert TreatmentPlan.objects.get(patient=w.patient).status == PlanStatus.DRAFT
    session = w.patient.photo_sessions.get()
    confirmed = surgeon.post(
        url, {"version": plan.version, "confirm": "1", "measurement_session": str(session.pk)}
    )
    assert confirmed.status_code == 302
    assert TreatmentPlan.objects.get(patient=w.patient).status == PlanStatus.APPROVED


def test_the_patient_reads_the_approved_plan_in_plain_words_only(w: Any) -> None:
    saved_plan(w.patient, w.coordinator)
    client = client_for(w.patient.user)
    assert "preparing your plan" in client.get(f"/patients/{w.patient.pk}/plan/").content.decode()
    approved_plan(w.patient, w.surgeon)
    page = client.get(f"/patients/{w.patient.pk}/plan/").content.decode()
    assert "Your treatment plan" in page and "of fat to place" in page
    assert "Save plan" not in page
    assert client.post(f"/patients/{w.patient.pk}/plan/", plan_form(2)).status_code == 403


def test_the_patient_ticks_a_checklist_item_with_htmx(w: Any) -> None:
    saved_plan(w.patient, w.coordinator, surgery_date=TODAY + dt.timedelta(days=20))
    key = checklist_for(w.patient).rows[0].key
    client = client_for(w.patient.user)
    page = client.get(f"/patients/{w.patient.pk}/preop/").content.decode()
    assert "From now until surgery" in page or "in " in page
    response = client.post(
        f"/patients/{w.patient.pk}/preop/tick/", {"key": key, "done": "1"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "is-done" in response.content.decode()
    assert next(r for r in checklist_for(w.patient).rows if r.key == key).done


def test_staff_record_the_procedure_and_see_it_beside_the_plan(w: Any) -> None:
    approved_plan(w.patient, w.surgeon, surgery_date=TODAY)
    tick_whole_checklist(w.patient, w.patient.user)
    client = client_for(w.surgeon)
    form = client.get(f"/patients/{w.patient.pk}/procedure/").content.decode()
    assert "Save the record" in form
    data = {
        "version": 0,
        "performed_on": TODAY.isoformat(),
        "surgeon": w.surgeon.pk,
        "anaesthesia": "local_tumescent",
        "processing": "centrifugation",
        "centrifuge_rpm": 3000,
        "rotor_radius_cm": "10",
        "centrifuge_minutes": 3,
        "harvest_abdomen": 400,
        "injected_left_ml": 60,
        "plane_left": "subcutaneous",
        "duration_min": 120,
        "complications": ["none"],
    }
    response = client.post(f"/patients/{w.patient.pk}/procedure/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    record = ProcedureRecord.objects.get(patient=w.patient)
    assert record.centrifuge_g == 1006 and record.injected_right_ml is None
    page = client.get(f"/patients/{w.patient.pk}/procedure/").content.decode()
    assert "Plan and procedure" in page and "≈ 1,006 g" in page and "not grafted" in page


def test_a_procedure_in_the_future_is_refused_on_the_page(w: Any) -> None:
    approved_plan(w.patient, w.surgeon)
    response = client_for(w.surgeon).post(
        f"/patients/{w.patient.pk}/procedure/",
        {
            "version": 0,
            "performed_on": (TODAY + dt.timedelta(days=2)).isoformat(),
            "surgeon": w.surgeon.pk,
            "anaesthesia": "general",
            "processing": "decantation",
            "harvest_flanks": 300,
            "injected_left_ml": 50,
            "plane_left": "subcutaneous",
            "duration_min": 90,
            "complications": ["none"],
        },
    )
    assert response.status_code == 422
    assert "cannot be in the future" in response.content.decode()


def test_patients_cannot_open_the_procedure_record(w: Any) -> None:
    assert client_for(w.patient.user).get(f"/patients/{w.patient.pk}/procedure/").status_code == 403
