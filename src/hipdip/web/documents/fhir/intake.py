"""The patient and what they told us: the intake, consent, vital signs, conditions,
allergies and medications."""

from __future__ import annotations

from typing import Any

from hipdip.web.consultations.questions import ALLERGY_KINDS, Kind
from hipdip.web.consultations.selectors import display_value
from hipdip.web.documents.fhir.common import (
    LOINC,
    OBS_CATEGORY,
    SNOMED,
    UCUM,
    Builder,
    base_url,
    code_system,
    concept,
    instant,
    make_urn,
)


def add_patient(b: Builder) -> None:
    p, a = b.r.patient, b.r.answers
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "identifier": [{"system": f"{base_url()}/fhir/patient-id", "value": str(p.pk)}],
        "active": p.user.is_active,
        "name": [{"text": p.full_name or p.email}],
        "telecom": [{"system": "email", "value": p.email}],
    }
    sex = a.get("sex")
    if sex:
        resource["gender"] = {"female": "female", "male": "male"}.get(sex, "other")
    if a.get("date_of_birth"):
        resource["birthDate"] = a["date_of_birth"]
    if p.clinic:
        resource["managingOrganization"] = {"display": p.clinic.name}
    b.add(b.patient_urn, resource)


def _answer(q: Any, value: Any) -> list[dict[str, Any]]:
    if value is None or value == "" or value == []:
        return []
    if q.kind in (Kind.CONFIRM, Kind.FLAG):
        return [{"valueBoolean": bool(value)}]
    if q.kind is Kind.DECIMAL:
        return [{"valueDecimal": float(value)}]
    if q.kind is Kind.DATE:
        return [{"valueDate": str(value)}]
    if q.kind in (Kind.CHOICE, Kind.YESNO):
        return [
            {
                "valueCoding": {
                    "system": code_system(f"intake-{q.name.replace('_', '-')}"),
                    "code": str(value),
                    "display": display_value(q, value),
                }
            }
        ]
    if q.kind is Kind.LINES:
        return [{"valueString": str(v)} for v in value]
    if q.kind is Kind.ALLERGIES:
        kinds = dict(ALLERGY_KINDS)
        return [
            {
                "valueString": f"{x['substance']} ({kinds.get(x['kind'], x['kind'])})"
                + (f": {x['reaction']}" if x.get("reaction") else "")
            }
            for x in value
        ]
    return [{"valueString": str(value)}]


def add_questionnaire_response(b: Builder) -> None:
    intake = b.r.intake
    if intake is None:
        return
    items = []
    for q in b.r.questions:
        answers = _answer(q, intake.answers.get(q.name))
        if answers:
            items.append({"linkId": q.name, "text": q.label, "answer": answers})
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{base_url()}/fhir/Questionnaire/hipdip-intake",
        "status": "completed" if intake.is_submitted else "in-progress",
        "subject": b.subject(),
        "authored": instant(intake.submitted_at or intake.updated_at),
        "item": items,
    }
    author = (
        b.practitioner(intake.submitted_by)
        if intake.submitted_by and intake.submitted_by.is_clinic_staff
        else None
    )
    if author:
        resource["author"] = author
    elif intake.submitted_by is not None:
        resource["author"] = b.subject()
    b.add(make_urn("intake", intake.pk), resource)


def add_consent(b: Builder) -> None:
    intake = b.r.intake
    if intake is None or not intake.is_submitted or not intake.answers.get("consent_care"):
        return
    b.add(
        make_urn("consent", intake.pk),
        {
            "resourceType": "Consent",
            "status": "active",
            "scope": concept(
                "http://terminology.hl7.org/CodeSystem/consentscope", "treatment", "Treatment"
            ),
            "category": [concept(LOINC, "59284-0", "Patient Consent")],
            "patient": b.subject(),
            "dateTime": instant(intake.submitted_at),
            "policyRule": concept(
                "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                "OPTIN",
                "opt-in",
                "The clinic uses the answers and photos to plan and carry out the patient's care.",
            ),
            "provision": {"type": "permit"},
        },
    )


def _vital(b: Builder, key: str, code: str, display: str, value: float, unit: str) -> None:
    intake = b.r.intake
    assert intake is not None
    b.add(
        make_urn(f"vital-{key}", intake.pk),
        {
            "resourceType": "Observation",
            "status": "final",
            "category": [
                {
                    "coding": [
                        {"system": OBS_CATEGORY, "code": "vital-signs", "display": "Vital Signs"}
                    ]
                }
            ],
            "code": concept(LOINC, code, display),
            "subject": b.subject(),
            "effectiveDateTime": instant(intake.submitted_at or intake.updated_at),
            "valueQuantity": {"value": round(value, 1), "unit": unit, "system": UCUM, "code": unit},
            "note": [{"text": "As stated by the patient in the intake."}],
        },
    )


def add_vitals(b: Builder) -> None:
    a = b.r.answers
    if not (b.r.intake and a.get("height_cm") and a.get("weight_kg")):
        return
    height, weight = float(a["height_cm"]), float(a["weight_kg"])
    _vital(b, "height", "8302-2", "Body height", height, "cm")
    _vital(b, "weight", "29463-7", "Body weight", weight, "kg")
    _vital(
        b, "bmi", "39156-5", "Body mass index (BMI) [Ratio]", weight / (height / 100) ** 2, "kg/m2"
    )


_CONDITIONS = (
    ("bleeding_disorder", "yes", "64779008", "Blood coagulation disorder", "bleeding_details"),
    ("heart_lung_disease", "yes", "", "Heart or lung condition", "heart_lung_details"),
    ("diabetes", "controlled", "73211009", "Diabetes mellitus", ""),
    ("diabetes", "uncontrolled", "73211009", "Diabetes mellitus", ""),
)


def add_conditions(b: Builder) -> None:
    intake, a = b.r.intake, b.r.answers
    if intake is None or not intake.is_submitted:
        return
    for name, value, code, display, details in _CONDITIONS:
        if a.get(name) != value:
            continue
        text = display + (f": {a[details]}" if details and a.get(details) else "")
        if name == "diabetes":
            text += " (well controlled)" if value == "controlled" else " (hard to control)"
        coded = concept(SNOMED, code, display, text) if code else {"text": text}
        b.add(
            make_urn(f"condition-{name}", intake.pk),
            {
                "resourceType": "Condition",
                "clinicalStatus": concept(
                    "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"
                ),
                "verificationStatus": concept(
                    "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                    "unconfirmed",
                    "Unconfirmed",
                ),
                "category": [
                    concept(
                        "http://terminology.hl7.org/CodeSystem/condition-category",
                        "problem-list-item",
                        "Problem List Item",
                    )
                ],
                "code": coded,
                "subject": b.subject(),
                "recordedDate": instant(intake.submitted_at),
                "note": [{"text": "Reported by the patient in the intake."}],
            },
        )


_ALLERGY_CATEGORY = {"drug": "medication", "food": "food", "latex": "environment"}


def add_allergies(b: Builder) -> None:
    intake = b.r.intake
    if intake is None:
        return
    for n, row in enumerate(intake.answers.get("allergies") or []):
        resource: dict[str, Any] = {
            "resourceType": "AllergyIntolerance",
            "clinicalStatus": concept(
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                "active",
                "Active",
            ),
            "verificationStatus": concept(
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
                "unconfirmed",
                "Unconfirmed",
            ),
            "code": {"text": row["substance"]},
            "patient": b.subject(),
        }
        if row["kind"] in _ALLERGY_CATEGORY:
            resource["category"] = [_ALLERGY_CATEGORY[row["kind"]]]
        if row.get("reaction"):
            resource["reaction"] = [{"manifestation": [{"text": row["reaction"]}]}]
        b.add(make_urn(f"allergy-{n}", intake.pk), resource)


def add_medications(b: Builder) -> None:
    intake = b.r.intake
    if intake is None:
        return
    for n, line in enumerate(intake.answers.get("medications") or []):
        b.add(
            make_urn(f"medication-{n}", intake.pk),
            {
                "resourceType": "MedicationStatement",
                "status": "active",
                "medicationCodeableConcept": {"text": line},
                "subject": b.subject(),
                "dateAsserted": instant(intake.submitted_at or intake.updated_at),
                "informationSource": b.subject(),
            },
        )
