"""The procedure page's safety-check step, and the plan page after new measurements."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from hipdip.web.accounts.models import Role
from hipdip.web.plans.models import PlanStatus, ProcedureRecord, TreatmentPlan
from hipdip.web.recovery.models import RecoveryCourse

from ..consultations.helpers import approved_plan, measured_session, submitted_intake
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

    measured_session(W.patient, left=7.4, right=5.1)
    submitted_intake(W.patient, W.patient.user, nicotine="current")
    return W


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(w: Any, **extra: Any) -> dict[str, Any]:
    return {
        "version": 0,
        "performed_on": TODAY.isoformat(),
        "surgeon": w.surgeon.pk,
        "anaesthesia": "local_tumescent",
        "processing": "decantation",
        "harvest_abdomen": 400,
        "injected_left_ml": 60,
        "plane_left": "subcutaneous",
        "duration_min": 120,
        "complications": ["none"],
        **extra,
    }


def test_the_date_defaults_to_the_planned_surgery_date(w: Any) -> None:
    planned = TODAY + dt.timedelta(days=35)
    approved_plan(w.patient, w.surgeon, surgery_date=planned)
    page = client_for(w.surgeon).get(f"/patients/{w.patient.pk}/procedure/").content.decode()
    assert f'value="{planned.isoformat()}"' in page


def test_the_surgeon_sees_what_is_overridden_and_the_record_shows_the_decision(w: Any) -> None:
    approved_plan(w.patient, w.surgeon, surgery_date=TODAY + dt.timedelta(days=35))
    client = client_for(w.surgeon)
    url = f"/patients/{w.patient.pk}/procedure/"
    refused = client.post(url, _form(w))
    assert refused.status_code == 409
    page = refused.content.decode()
    for text in ("Safety checks", "Before the planned date", "35 days before", "0 of "):
        assert text in page
    assert "Current nicotine use" in page
    assert not ProcedureRecord.objects.exists() and not RecoveryCourse.objects.exists()
    keys = ["early", "checklist", "finding-nicotine_use"]
    saved = client.post(
        url,
        _form(
            w,
            override=keys,
            override_reason_early="Theatre list moved forward by the hospital.",
            override_reason="Confirmed in person on the morning of surgery.",
        ),
    )
    assert saved.status_code == 302, saved.content.decode()[:800]
    record_page = client.get(url).content.decode()
    assert "Recorded despite safety checks" in record_page
    assert "Theatre list moved forward by the hospital." in record_page
    assert record_page.count("Confirmed in person on the morning of surgery.") == 2
    assert "Dr Sid Surgeon" in record_page


def test_a_coordinator_is_told_a_surgeon_must_decide(w: Any) -> None:
    approved_plan(w.patient, w.surgeon, surgery_date=TODAY + dt.timedelta(days=3))
    client = client_for(w.coordinator)
    url = f"/patients/{w.patient.pk}/procedure/"
    page = client.get(url).content.decode()
    assert "Only a surgeon can decide to go ahead" in page and 'name="override"' not in page
    refused = client.post(url, _form(w, override=["early"], override_reason="x"))
    assert refused.status_code == 403 and not ProcedureRecord.objects.exists()


def _new_photos(w: Any) -> None:
    session = measured_session(w.patient, left=10.6, right=3.0)
    session.taken_on = TODAY
    session.save()


def test_the_plan_page_shows_the_change_and_the_surgeon_reconfirms(w: Any) -> None:
    plan = approved_plan(w.patient, w.surgeon)
    _new_photos(w)
    client = client_for(w.surgeon)
    url = f"/patients/{w.patient.pk}/plan/"
    page = client.get(url).content.decode()
    assert "Needs re-confirmation" in page and "New measurements since approval" in page
    assert ("+3.2 mm" in page and "−2.1 mm" in page) or "-2.1 mm" in page
    assert "This is not the approved plan" in page
    hub = client.get(f"/patients/{w.patient.pk}/consultation/").content.decode()
    assert "Needs re-confirmation" in hub
    nothing = client.post(url + "reconfirm/", {"version": plan.version, "decision": "keep"})
    assert nothing.status_code == 302
    assert "Needs re-confirmation" in client.get(url).content.decode()
    client.post(
        url + "reconfirm/",
        {"version": plan.version, "decision": "keep", "reason": "Re-examined: unchanged."},
    )
    page = client.get(url).content.decode()
    assert "Needs re-confirmation" not in page and "Re-examined: unchanged." in page


def test_new_photos_that_measure_the_same_are_not_said_to_differ(w: Any) -> None:
    approved_plan(w.patient, w.surgeon)
    session = measured_session(w.patient, left=7.4, right=5.1)
    session.taken_on = TODAY
    session.save()
    page = client_for(w.surgeon).get(f"/patients/{w.patient.pk}/plan/").content.decode()
    assert "Needs re-confirmation" in page
    assert "measure the same, but were taken after the approval" in page
    assert "measure differently" not in page


def test_the_surgeon_revises_the_plan_after_new_measurements(w: Any) -> None:
    plan = approved_plan(w.patient, w.surgeon)
    _new_photos(w)
    client = client_for(w.surgeon)
    client.post(
        f"/patients/{w.patient.pk}/plan/reconfirm/", {"version": plan.version, "decision": "revise"}
    )
    assert TreatmentPlan.objects.get(patient=w.patient).status == PlanStatus.DRAFT


def test_the_approval_page_shows_what_is_being_approved(w: Any) -> None:
    from ..consultations.helpers import saved_plan

    plan = saved_plan(w.patient, w.surgeon, surgery_date=TODAY + dt.timedelta(days=30))
    page = client_for(w.surgeon).get(f"/patients/{w.patient.pk}/plan/approve/").content.decode()
    for text in (
        "Version 1",
        "Abdomen",
        "Flanks",
        "Measurements",
        "Current nicotine use",
        "Confirm approval",
        "7.4 mm",
    ):
        assert text in page, text
    assert plan.status == PlanStatus.DRAFT
    plan_page = client_for(w.surgeon).get(f"/patients/{w.patient.pk}/plan/").content.decode()
    assert "Review and approve" in plan_page


def test_the_checks_stay_listed_when_another_field_is_wrong(w: Any) -> None:
    approved_plan(w.patient, w.surgeon, surgery_date=TODAY + dt.timedelta(days=3))
    data = _form(w, override=["early"], override_reason_early="Hospital moved the list.")
    data.pop("duration_min")
    page = client_for(w.surgeon).post(f"/patients/{w.patient.pk}/procedure/", data)
    assert page.status_code == 422
    html = page.content.decode()
    assert "Safety checks" in html and "Hospital moved the list." in html
    assert 'value="early" checked' in html
