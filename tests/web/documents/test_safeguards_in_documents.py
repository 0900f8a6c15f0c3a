"""The PDF prints only approved figures and says when they need re-confirming; the
surgeon's overrides are in the PDF and the FHIR Procedure (issue 13)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from fhir.resources.R4B.procedure import Procedure

from hipdip.web.accounts.models import Role
from hipdip.web.documents.fhir import consultation_bundle
from hipdip.web.documents.selectors import consultation_record

from ..consultations.helpers import (
    approved_plan,
    measured_session,
    recorded_procedure,
    saved_plan,
    submitted_intake,
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

    measured_session(W.patient, left=7.4, right=5.1)
    submitted_intake(W.patient, W.patient.user)
    return W


def _html(patient: Any) -> str:
    record = consultation_record(patient)
    return render_to_string(
        "documents/consultation_pdf.html",
        {"r": record, "photos": [], "markings": [], "scheme": "", "clinic": patient.clinic},
    )


def test_a_draft_plans_estimate_is_never_printed(w: Any) -> None:
    saved_plan(w.patient, w.surgeon)
    html = _html(w.patient)
    assert "Draft, not approved" in html and "printed here once a surgeon approves" in html
    assert "How the estimate is made" not in html


def test_pending_new_measurements_are_said_plainly_and_only_approved_figures_print(
    w: Any,
) -> None:
    plan = approved_plan(w.patient, w.surgeon)
    approved_left = plan.approved_snapshot["sides"][0]["target_ml"]  # type: ignore[index]
    session = measured_session(w.patient, left=10.6, right=3.0)
    session.taken_on = TODAY
    session.save()
    html = _html(w.patient)
    assert "Needs re-confirmation." in html and "7.4 → 10.6 mm" in html
    assert f"<b>{approved_left:.0f} mL</b>" in html


def _plan_notes(patient: Any) -> list[str]:
    bundle = consultation_bundle(consultation_record(patient))
    plan = next(
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "CarePlan"
    )
    return [n["text"] for n in plan.get("note", []) if "re-confirmation" in n["text"]]


@pytest.mark.parametrize(
    ("left", "right", "says"),
    [
        (10.6, 3.0, "differ from those the plan was approved on (left 7.4 -> 10.6 mm"),
        (7.4, 5.1, "measure the same as those the plan was approved on"),
    ],
)
def test_the_fhir_plan_says_new_measurements_differ_only_when_they_do(
    w: Any, left: float, right: float, says: str
) -> None:
    approved_plan(w.patient, w.surgeon)
    session = measured_session(w.patient, left=left, right=right)
    session.taken_on = TODAY
    session.save()
    [note] = _plan_notes(w.patient)
    assert says in note
    assert ("differ" in note) == (left != 7.4)
    html = _html(w.patient)  # the PDF says the same
    assert ("measure differently" in html) == (left != 7.4)
    assert ("measure the same as those" in html) == (left == 7.4)


def test_the_overrides_are_in_the_pdf_and_the_fhir_procedure(w: Any) -> None:
    approved_plan(w.patient, w.surgeon, surgery_date=TODAY + dt.timedelta(days=30))
    recorded_procedure(w.patient, w.surgeon)
    html = _html(w.patient)
    assert "Recorded despite safety checks" in html
    assert "Before the planned date" in html and "Checked with the patient on the day." in html
    bundle = consultation_bundle(consultation_record(w.patient))
    procedure = next(
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Procedure"
    )
    Procedure.model_validate(procedure)
    notes = [n for n in procedure["note"] if "safety check" in n["text"]]
    assert len(notes) == 2 and all(n["authorString"] == "Dr Sid Surgeon" for n in notes)
    assert "Checked with the patient on the day." in notes[0]["text"]
