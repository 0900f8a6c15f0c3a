"""The FHIR R4 export: valid resources (fhir.resources), resolvable references, the
right codes and units, and access for the clinic's staff only."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from typing import Any

import pytest
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from hipdip.web.accounts.models import Role
from hipdip.web.audit.models import AuditEvent
from hipdip.web.consultations import services as consult
from hipdip.web.documents.fhir import consultation_bundle
from hipdip.web.documents.pdf import consultation_html
from hipdip.web.documents.selectors import consultation_record

from ..consultations.helpers import (
    actor,
    approved_plan,
    measured_session,
    recorded_procedure,
    submitted_intake,
)
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
def full() -> Any:
    """A patient with every part of a consultation: intake, findings, plan, procedure."""
    clinic = ClinicFactory()
    patient = PatientFactory(clinic=clinic, user__full_name="Fran Fhir")
    surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON, full_name="Dr Sid Surgeon")
    measured_session(patient, left=7.4, right=5.1)
    submitted_intake(
        patient,
        patient.user,
        heart_lung_disease="yes",
        heart_lung_details="Mild asthma",
        diabetes="controlled",
        no_known_allergies=None,
        allergies=[{"substance": "Latex", "kind": "latex", "reaction": "hives"}],
    )
    consult.finding_override_create(
        actor=actor(surgeon), patient=patient, code="heart_lung_disease", reason="GP letter"
    )
    approved_plan(patient, surgeon, surgery_date=timezone.localdate() + dt.timedelta(days=30))
    recorded_procedure(patient, surgeon)
    return patient, surgeon


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_the_bundle_and_every_resource_validate_with_fhir_resources(full: Any) -> None:
    patient, _ = full
    bundle = consultation_bundle(consultation_record(patient))
    Bundle.model_validate(bundle)
    for entry in bundle["entry"]:
        kind = entry["resource"]["resourceType"]
        module = importlib.import_module(f"fhir.resources.R4B.{kind.lower()}")
        getattr(module, kind).model_validate(entry["resource"])
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert {
        "Patient",
        "Practitioner",
        "QuestionnaireResponse",
        "Observation",
        "Media",
        "Condition",
        "AllergyIntolerance",
        "MedicationStatement",
        "Flag",
        "CarePlan",
        "Procedure",
        "Consent",
        "DocumentReference",
    } <= kinds


def test_every_reference_points_at_an_entry_of_the_bundle(full: Any) -> None:
    patient, _ = full
    bundle = consultation_bundle(consultation_record(patient))
    urls = {e["fullUrl"] for e in bundle["entry"]}
    assert len(urls) == len(bundle["entry"])

    def refs(node: Any) -> list[str]:
        if isinstance(node, dict):
            found = [node["reference"]] if isinstance(node.get("reference"), str) else []
            return found + [r for v in node.values() for r in refs(v)]
        if isinstance(node, list):
            return [r for v in node for r in refs(v)]
        return []

    dangling = [r for r in refs([e["resource"] for e in bundle["entry"]]) if r not in urls]
    assert dangling == []


def depth_observations(bundle: dict[str, Any], method: str) -> list[dict[str, Any]]:
    """The hip-dip depth Observations of one method: ``photo-silhouette-2d`` (one per
    photo and side) or ``photo-silhouette-2d-session`` (the session's figure per side)."""
    return [
        o
        for o in resources(bundle, "Observation")
        if o["code"]["coding"][0]["code"] == "hip-dip-depth"
        and o["method"]["coding"][0]["code"] == method
    ]


def test_one_depth_observation_per_side_and_view_in_mm_with_a_lateral_body_site(full: Any) -> None:
    patient, _ = full
    bundle = consultation_bundle(consultation_record(patient))
    depths = depth_observations(bundle, "photo-silhouette-2d")
    assert len(depths) == 4  # front and back, left and right
    sites = {(o["bodySite"]["coding"][0]["code"], o["valueQuantity"]["value"]) for o in depths}
    assert sites == {("287679003", 7.4), ("287579007", 5.1)}  # SNOMED left / right hip region
    for o in depths:
        assert o["valueQuantity"]["system"] == "http://unitsofmeasure.org"
        assert o["valueQuantity"]["code"] == "mm"
        assert o["method"]["coding"][0]["display"] == "2-D photo silhouette"
        assert o["derivedFrom"][0]["reference"].startswith("urn:uuid:")
    loinc = {o["code"]["coding"][0]["code"] for o in resources(bundle, "Observation")}
    assert {"8302-2", "29463-7", "39156-5"} <= loinc  # height, weight, BMI


def test_the_intake_plan_procedure_and_findings_are_all_there(full: Any) -> None:
    patient, _ = full
    bundle = consultation_bundle(consultation_record(patient))
    (qr,) = resources(bundle, "QuestionnaireResponse")
    assert qr["status"] == "completed"
    answers = {i["linkId"]: i["answer"] for i in qr["item"]}
    assert answers["height_cm"] == [{"valueDecimal": 168.0}]
    assert answers["confirm_true"] == [{"valueBoolean": True}]
    (plan,) = resources(bundle, "CarePlan")
    assert plan["status"] == "completed" and plan["author"]["display"] == "Dr Sid Surgeon"
    assert plan["activity"][0]["detail"]["quantity"]["unit"] == "mL"
    (procedure,) = resources(bundle, "Procedure")
    assert procedure["basedOn"][0]["reference"] == next(
        e["fullUrl"] for e in bundle["entry"] if e["resource"]["resourceType"] == "CarePlan"
    )
    flags = {f["code"]["coding"][0]["code"]: f["status"] for f in resources(bundle, "Flag")}
    assert flags["heart_lung_disease"] == "inactive"  # the surgeon decided to go ahead
    conditions = [c["code"]["text"] for c in resources(bundle, "Condition")]
    assert any("Mild asthma" in c for c in conditions)
    (consent,) = resources(bundle, "Consent")
    assert consent["status"] == "active" and consent["scope"]["coding"][0]["code"] == "treatment"
    (allergy,) = resources(bundle, "AllergyIntolerance")
    assert allergy["code"]["text"] == "Latex" and allergy["category"] == ["environment"]


def test_the_same_record_exports_to_the_same_ids(full: Any) -> None:
    patient, _ = full
    first = consultation_bundle(consultation_record(patient))
    second = consultation_bundle(consultation_record(patient))
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]


def test_a_new_patient_without_anything_still_exports_a_valid_bundle(db: Any) -> None:
    patient = PatientFactory()
    bundle = consultation_bundle(consultation_record(patient))
    assert [e["resource"]["resourceType"] for e in bundle["entry"]] == [
        "Patient",
        "DocumentReference",
    ]


def test_the_api_serves_the_bundle_to_staff_of_the_clinic_only(full: Any, api_client: Any) -> None:
    patient, surgeon = full
    url = f"/api/patients/{patient.pk}/fhir"
    response = api_client(surgeon).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    Bundle.model_validate(json.loads(response.content))
    assert AuditEvent.objects.filter(action="document.fhir", actor=surgeon).exists()
    assert api_client(patient.user).get(url).status_code == 403
    other_clinic = StaffFactory(role=Role.SURGEON)
    assert api_client(other_clinic).get(url).status_code == 404


# --- the session's one figure per side ---------------------------------------------------


def test_each_session_gives_one_figure_per_side_as_the_consultation_page_and_pdf_show_it(
    db: Any, web_client: Any
) -> None:
    clinic = ClinicFactory()
    patient = PatientFactory(clinic=clinic)
    surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON)
    session = PhotoSessionFactory(patient=patient)
    PhotoFactory(session=session, view="front", assessment=sample_assessment("front", 10.6, 4.0))
    PhotoFactory(session=session, view="back", assessment=sample_assessment("back", 14.8, 6.0))
    record = consultation_record(patient)
    bundle = consultation_bundle(record)

    figures = depth_observations(bundle, "photo-silhouette-2d-session")
    assert len(figures) == 2  # one per side, besides the four per-photo ones
    assert len(depth_observations(bundle, "photo-silhouette-2d")) == 4
    by_site = {o["bodySite"]["coding"][0]["code"]: o for o in figures}
    left, right = by_site["287679003"], by_site["287579007"]  # SNOMED left / right hip region
    assert left["valueQuantity"] == {
        "value": 12.7,
        "unit": "mm",
        "system": "http://unitsofmeasure.org",
        "code": "mm",
    }
    assert right["valueQuantity"]["value"] == 5.0
    assert "mean of front 10.6 and back 14.8 mm" in left["note"][0]["text"]
    assert "mean of front 4.0 and back 6.0 mm" in right["note"][0]["text"]
    assert left["component"][0]["code"]["coding"][0]["code"] == "hip-dip-extent"
    assert left["component"][0]["valueQuantity"]["value"] == 80.0
    assert left["effectiveDateTime"] == session.taken_on.isoformat()

    # The same digits as the consultation page and the summary PDF for this session.
    page = web_client(surgeon).get(f"/patients/{patient.pk}/consultation/").content.decode()
    pdf = consultation_html(record)
    for obs, side in ((left, "left"), (right, "right")):
        mm = f"{obs['valueQuantity']['value']:.1f}"
        assert f'data-side="{side}">{mm} mm' in page
        assert f'data-side="{side}">{side.capitalize()} {mm} mm' in pdf


def test_the_session_figure_is_derived_from_its_per_photo_observations_in_the_bundle(
    full: Any,
) -> None:
    patient, _ = full
    bundle = consultation_bundle(consultation_record(patient))
    entries = {e["fullUrl"]: e["resource"] for e in bundle["entry"]}
    for figure in depth_observations(bundle, "photo-silhouette-2d-session"):
        sources = [entries[r["reference"]] for r in figure["derivedFrom"]]
        assert [s["method"]["text"] for s in sources] == [
            "2-D photo silhouette, front view",
            "2-D photo silhouette, back view",
        ]
        for source in sources:
            assert source["resourceType"] == "Observation"
            assert source["bodySite"] == figure["bodySite"]
            assert source["effectiveDateTime"] == figure["effectiveDateTime"]
        mean = sum(s["valueQuantity"]["value"] for s in sources) / len(sources)
        assert figure["valueQuantity"]["value"] == round(mean, 1)


def test_a_session_with_one_view_gives_a_figure_from_that_photo_only(db: Any) -> None:
    patient = PatientFactory()
    session = PhotoSessionFactory(patient=patient)
    PhotoFactory(session=session, view="back", assessment=sample_assessment("back", 8.25, 3.5))
    PhotoFactory(session=session, view="front", status="failed")  # not measured
    bundle = consultation_bundle(consultation_record(patient))
    Bundle.model_validate(bundle)
    figures = depth_observations(bundle, "photo-silhouette-2d-session")
    assert len(figures) == 2
    entries = {e["fullUrl"]: e["resource"] for e in bundle["entry"]}
    for figure in figures:
        assert "back photo only" in figure["note"][0]["text"]
        assert "mean" not in figure["note"][0]["text"]
        assert figure["method"]["text"] == "2-D photo silhouette, back view only"
        (source,) = (entries[r["reference"]] for r in figure["derivedFrom"])
        assert source["method"]["text"] == "2-D photo silhouette, back view"
        assert figure["valueQuantity"]["value"] == round(source["valueQuantity"]["value"], 1)


def test_every_session_gets_its_own_figures(db: Any) -> None:
    patient = PatientFactory()
    older = PhotoSessionFactory(patient=patient, taken_on=dt.date(2026, 1, 5))
    newer = PhotoSessionFactory(patient=patient, taken_on=dt.date(2026, 3, 5))
    for session, left in ((older, 9.0), (newer, 6.0)):
        for view in ("front", "back"):
            PhotoFactory(session=session, view=view, assessment=sample_assessment(view, left, 4.0))
    bundle = consultation_bundle(consultation_record(patient))
    lefts = {
        o["effectiveDateTime"]: o["valueQuantity"]["value"]
        for o in depth_observations(bundle, "photo-silhouette-2d-session")
        if o["bodySite"]["coding"][0]["code"] == "287679003"
    }
    assert lefts == {"2026-01-05": 9.0, "2026-03-05": 6.0}
