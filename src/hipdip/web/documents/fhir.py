"""A patient's consultation record as a FHIR R4 Bundle (type ``collection``).

Resources: Patient; Practitioner for the staff named; QuestionnaireResponse (the intake);
Observation for height, weight and BMI (vital signs, LOINC) and for the hip-dip depth of
each side in each measured photo (local code, SNOMED body site with laterality, UCUM mm,
method "2-D photo silhouette", derived from the photo's Media); Media for the photos;
Condition for health problems the patient reported; AllergyIntolerance and
MedicationStatement from the intake; Flag for each screening or plan finding (inactive
once a surgeon decided to go ahead); CarePlan for the treatment plan; Procedure for the
record of what was done; Consent for the intake's consent; DocumentReference for the
summary PDF.

Entries are linked with ``urn:uuid`` full URLs derived from the records' ids, so the
same record always exports to the same identifiers. Pictures are referenced by the URL
of the authorised API endpoint, never embedded. The bundle is checked against the
``fhir.resources`` models (R4B, which is R4 for every resource used here) before it
leaves. SNOMED CT, LOINC and UCUM codes are used where a standard code exists; there is
no standard code for hip-dip depth, nor a settled one for this procedure, so those use
code systems under this installation's ``HIPDIP_SITE_URL``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle

from hipdip.vision.assessment import SideResult
from hipdip.web.accounts.models import User
from hipdip.web.assessments.models import Photo, Status
from hipdip.web.consultations.questions import ALLERGY_KINDS, Kind
from hipdip.web.consultations.selectors import display_value
from hipdip.web.documents.selectors import ConsultationRecord

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
LATERALITY = {"left": ("7771000", "Left"), "right": ("24028007", "Right")}
HIP_REGION = {
    "left": ("287679003", "Left hip region structure"),
    "right": ("287579007", "Right hip region structure"),
}
#: Namespace of the uuid5 ids, so that one record always exports to the same ids.
NAMESPACE = uuid.UUID("6f1f4a0e-6c1b-4f57-9d7e-2a3c1b9f0d42")


def base_url() -> str:
    return str(getattr(settings, "HIPDIP_SITE_URL", "http://127.0.0.1:8000")).rstrip("/")


def code_system(name: str) -> str:
    return f"{base_url()}/fhir/CodeSystem/{name}"


def _urn(kind: str, key: Any) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


def _ref(urn: str, display: str = "") -> dict[str, str]:
    return {"reference": urn, **({"display": display} if display else {})}


def _dt(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _concept(system: str, code: str, display: str, text: str = "") -> dict[str, Any]:
    return {
        "coding": [{"system": system, "code": code, "display": display}],
        "text": text or display,
    }


class _Builder:
    def __init__(self, record: ConsultationRecord) -> None:
        self.r = record
        self.entries: list[dict[str, Any]] = []
        self.patient_urn = _urn("patient", record.patient.pk)
        self.practitioners: dict[int, str] = {}

    def add(self, urn: str, resource: dict[str, Any]) -> str:
        resource.setdefault("id", urn.rsplit(":", 1)[-1])
        self.entries.append({"fullUrl": urn, "resource": resource})
        return urn

    def practitioner(self, user: User | None, name: str = "") -> dict[str, str] | None:
        if user is None:
            return {"display": name} if name else None
        if user.pk not in self.practitioners:
            urn = _urn("practitioner", user.pk)
            self.practitioners[user.pk] = urn
            self.add(
                urn,
                {
                    "resourceType": "Practitioner",
                    "active": user.is_active,
                    "name": [{"text": user.full_name or user.email}],
                    "telecom": [{"system": "email", "value": user.email}],
                },
            )
        return _ref(self.practitioners[user.pk], user.full_name or user.email)

    def subject(self) -> dict[str, str]:
        return _ref(self.patient_urn, self.r.patient.full_name or self.r.patient.email)


def consultation_bundle(record: ConsultationRecord) -> dict[str, Any]:
    """The FHIR R4 Bundle of a consultation record, as JSON-ready data (validated)."""
    b = _Builder(record)
    _patient(b)
    _questionnaire_response(b)
    _consent(b)
    _vitals(b)
    media = _media(b)
    _depths(b, media)
    _conditions(b)
    _allergies(b)
    _medications(b)
    _flags(b)
    plan_urn = _care_plan(b)
    _procedure(b, plan_urn)
    _document(b)
    bundle = {
        "resourceType": "Bundle",
        "id": str(uuid.uuid5(NAMESPACE, f"bundle:{record.patient.pk}:{record.generated_at}")),
        "type": "collection",
        "timestamp": _dt(record.generated_at),
        "entry": b.entries,
    }
    Bundle.model_validate(bundle)  # raises if anything is not valid FHIR
    return bundle


def _patient(b: _Builder) -> None:
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


def _questionnaire_response(b: _Builder) -> None:
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
        "authored": _dt(intake.submitted_at or intake.updated_at),
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
    b.add(_urn("intake", intake.pk), resource)


def _consent(b: _Builder) -> None:
    intake = b.r.intake
    if intake is None or not intake.is_submitted or not intake.answers.get("consent_care"):
        return
    b.add(
        _urn("consent", intake.pk),
        {
            "resourceType": "Consent",
            "status": "active",
            "scope": _concept(
                "http://terminology.hl7.org/CodeSystem/consentscope", "treatment", "Treatment"
            ),
            "category": [_concept(LOINC, "59284-0", "Patient Consent")],
            "patient": b.subject(),
            "dateTime": _dt(intake.submitted_at),
            "policyRule": _concept(
                "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                "OPTIN",
                "opt-in",
                "The clinic uses the answers and photos to plan and carry out the patient's care.",
            ),
            "provision": {"type": "permit"},
        },
    )


def _vital(b: _Builder, key: str, code: str, display: str, value: float, unit: str) -> None:
    intake = b.r.intake
    assert intake is not None
    b.add(
        _urn(f"vital-{key}", intake.pk),
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
            "code": _concept(LOINC, code, display),
            "subject": b.subject(),
            "effectiveDateTime": _dt(intake.submitted_at or intake.updated_at),
            "valueQuantity": {"value": round(value, 1), "unit": unit, "system": UCUM, "code": unit},
            "note": [{"text": "As stated by the patient in the intake."}],
        },
    )


def _vitals(b: _Builder) -> None:
    a = b.r.answers
    if not (b.r.intake and a.get("height_cm") and a.get("weight_kg")):
        return
    height, weight = float(a["height_cm"]), float(a["weight_kg"])
    _vital(b, "height", "8302-2", "Body height", height, "cm")
    _vital(b, "weight", "29463-7", "Body weight", weight, "kg")
    _vital(
        b, "bmi", "39156-5", "Body mass index (BMI) [Ratio]", weight / (height / 100) ** 2, "kg/m2"
    )


def _abs(path: str) -> str:
    return f"{base_url()}{path}"


def _media(b: _Builder) -> dict[str, str]:
    urns = {}
    for photo in b.r.photos:
        urn = _urn("photo", photo.pk)
        session = photo.session
        b.add(
            urn,
            {
                "resourceType": "Media",
                "status": "completed",
                "type": {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/media-type",
                            "code": "image",
                            "display": "Image",
                        }
                    ]
                },
                "view": {"text": f"{photo.get_view_display()} view, standing"},
                "subject": b.subject(),
                "createdDateTime": session.taken_on.isoformat(),
                "width": photo.width_px,
                "height": photo.height_px,
                "content": {
                    "contentType": "image/jpeg",
                    "url": _abs(reverse("api:photo_image", kwargs={"photo_id": photo.pk})),
                    "title": f"{session.purpose_label}, {photo.get_view_display().lower()} "
                    f"photo, {session.taken_on:%Y-%m-%d}",
                },
                "note": [
                    {"text": "Available to authorised users of the clinic through the hipdip API."}
                ],
            },
        )
        urns[str(photo.pk)] = urn
    return urns


def _depths(b: _Builder, media: dict[str, str]) -> None:
    for photo in b.r.photos:
        if photo.status != Status.DONE:
            continue
        for side, result in sorted(photo.sides.items()):
            if side not in LATERALITY:
                continue
            _depth(b, photo, side, result, media[str(photo.pk)])


def _depth(b: _Builder, photo: Photo, side: str, data: SideResult, media_urn: str) -> None:
    site_code, site_display = HIP_REGION[side]
    lat_code, lat_display = LATERALITY[side]
    components = []
    if data.extent_mm is not None:
        components.append(
            {
                "code": _concept(
                    code_system("hipdip-measure"),
                    "hip-dip-extent",
                    "Vertical extent of the hip dip",
                ),
                "valueQuantity": {
                    "value": data.extent_mm,
                    "unit": "mm",
                    "system": UCUM,
                    "code": "mm",
                },
            }
        )
    b.add(
        _urn(f"depth-{side}", photo.pk),
        {
            "resourceType": "Observation",
            "status": "final",
            "category": [{"coding": [{"system": OBS_CATEGORY, "code": "exam", "display": "Exam"}]}],
            "code": _concept(
                code_system("hipdip-measure"),
                "hip-dip-depth",
                "Hip dip depth",
                "Depth of the lateral hip indentation",
            ),
            "subject": b.subject(),
            "effectiveDateTime": photo.session.taken_on.isoformat(),
            "issued": _dt(photo.analysed_at),
            "valueQuantity": {
                "value": data.depth_mm,
                "unit": "mm",
                "system": UCUM,
                "code": "mm",
            },
            "bodySite": {
                "coding": [{"system": SNOMED, "code": site_code, "display": site_display}],
                "text": f"{lat_display} hip ({lat_display.lower()} laterality, SNOMED {lat_code})",
            },
            "method": _concept(
                code_system("hipdip-method"),
                "photo-silhouette-2d",
                "2-D photo silhouette",
                f"2-D photo silhouette, {photo.get_view_display().lower()} view",
            ),
            "derivedFrom": [_ref(media_urn)],
            "component": components,
        },
    )


_CONDITIONS = (
    ("bleeding_disorder", "yes", "64779008", "Blood coagulation disorder", "bleeding_details"),
    ("heart_lung_disease", "yes", "", "Heart or lung condition", "heart_lung_details"),
    ("diabetes", "controlled", "73211009", "Diabetes mellitus", ""),
    ("diabetes", "uncontrolled", "73211009", "Diabetes mellitus", ""),
)


def _conditions(b: _Builder) -> None:
    intake, a = b.r.intake, b.r.answers
    if intake is None or not intake.is_submitted:
        return
    for name, value, code, display, details in _CONDITIONS:
        if a.get(name) != value:
            continue
        text = display + (f": {a[details]}" if details and a.get(details) else "")
        if name == "diabetes":
            text += " (well controlled)" if value == "controlled" else " (hard to control)"
        coded = _concept(SNOMED, code, display, text) if code else {"text": text}
        b.add(
            _urn(f"condition-{name}", intake.pk),
            {
                "resourceType": "Condition",
                "clinicalStatus": _concept(
                    "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"
                ),
                "verificationStatus": _concept(
                    "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                    "unconfirmed",
                    "Unconfirmed",
                ),
                "category": [
                    _concept(
                        "http://terminology.hl7.org/CodeSystem/condition-category",
                        "problem-list-item",
                        "Problem List Item",
                    )
                ],
                "code": coded,
                "subject": b.subject(),
                "recordedDate": _dt(intake.submitted_at),
                "note": [{"text": "Reported by the patient in the intake."}],
            },
        )


_ALLERGY_CATEGORY = {"drug": "medication", "food": "food", "latex": "environment"}


def _allergies(b: _Builder) -> None:
    intake = b.r.intake
    if intake is None:
        return
    for n, row in enumerate(intake.answers.get("allergies") or []):
        resource: dict[str, Any] = {
            "resourceType": "AllergyIntolerance",
            "clinicalStatus": _concept(
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                "active",
                "Active",
            ),
            "verificationStatus": _concept(
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
        b.add(_urn(f"allergy-{n}", intake.pk), resource)


def _medications(b: _Builder) -> None:
    intake = b.r.intake
    if intake is None:
        return
    for n, line in enumerate(intake.answers.get("medications") or []):
        b.add(
            _urn(f"medication-{n}", intake.pk),
            {
                "resourceType": "MedicationStatement",
                "status": "active",
                "medicationCodeableConcept": {"text": line},
                "subject": b.subject(),
                "dateAsserted": _dt(intake.submitted_at or intake.updated_at),
                "informationSource": b.subject(),
            },
        )


def _flags(b: _Builder) -> None:
    findings = [
        (f.code, str(f.severity), f.staff_text, f.override is not None)
        for f in b.r.screening.findings
    ]
    for w in (b.r.plan_summary or {}).get("warnings", []):
        findings.append((w["code"], w["severity"], w["staff_text"], w["override"] is not None))
    for code, severity, text, resolved in findings:
        b.add(
            _urn(f"flag-{code}", b.r.patient.pk),
            {
                "resourceType": "Flag",
                "status": "inactive" if resolved else "active",
                "category": [
                    _concept(
                        "http://terminology.hl7.org/CodeSystem/flag-category",
                        "clinical",
                        "Clinical",
                    )
                ],
                "code": {
                    "coding": [
                        {
                            "system": code_system("screening-finding"),
                            "code": code,
                            "display": code.replace("_", " "),
                        }
                    ],
                    "text": f"[{severity}] {text}"
                    + (" (surgeon decided to go ahead)" if resolved else ""),
                },
                "subject": b.subject(),
            },
        )


def _side_text(side: dict[str, Any]) -> str:
    low, high = side["injected"]["low_ml"], side["injected"]["high_ml"]
    return (
        f"{side['side'].capitalize()} hip: inject about {side['target_ml']:.0f} mL "
        f"({side['plane']}); estimate {low:.0f}-{high:.0f} mL for a measured depth of "
        f"{side['depth_mm']:.1f} mm."
    )


def _care_plan(b: _Builder) -> str | None:
    plan, summary = b.r.plan, b.r.plan_summary
    if plan is None or summary is None:
        return None
    activities = []
    for side in summary["sides"]:
        if not side["target_ml"]:
            continue
        activities.append(
            {
                "detail": {
                    "kind": "ServiceRequest",
                    "code": _concept(
                        code_system("hipdip-procedure"),
                        "hip-fat-graft",
                        "Fat grafting to the hip",
                        f"Fat grafting to the {side['side']} hip",
                    ),
                    "status": "completed" if b.r.procedure else "not-started",
                    "description": _side_text(side),
                    "quantity": {
                        "value": side["target_ml"],
                        "unit": "mL",
                        "system": UCUM,
                        "code": "mL",
                    },
                }
            }
        )
    activities.append(
        {
            "detail": {
                "kind": "ServiceRequest",
                "code": _concept(
                    code_system("hipdip-procedure"),
                    "liposuction-harvest",
                    "Liposuction for fat harvest",
                ),
                "status": "completed" if b.r.procedure else "not-started",
                "description": "Harvest from "
                + (
                    ", ".join(d["name"].lower() for d in summary["donor_sites"])
                    or "donor sites to be chosen"
                )
                + f"; {summary['anaesthesia']['label'].lower()} anaesthesia.",
                "quantity": {
                    "value": summary["target_aspirate_ml"],
                    "unit": "mL",
                    "system": UCUM,
                    "code": "mL",
                },
            }
        }
    )
    resource: dict[str, Any] = {
        "resourceType": "CarePlan",
        "status": "completed" if b.r.procedure else ("active" if plan.is_approved else "draft"),
        "intent": "plan",
        "title": "Liposuction with fat grafting to the hips",
        "subject": b.subject(),
        "created": _dt(plan.created_at),
        "activity": activities,
        "note": [
            {
                "text": f"Expected duration about {summary['duration_min']} min. "
                + (summary.get("notes") or "")
            }
        ],
    }
    if plan.is_approved:
        author = b.practitioner(plan.approved_by, plan.approved_by_name)
        if author:
            resource["author"] = author
    if summary.get("surgery_date"):
        resource["period"] = {"start": summary["surgery_date"]}
    return b.add(_urn("plan", plan.pk), resource)


def _procedure(b: _Builder, plan_urn: str | None) -> None:
    record = b.r.procedure
    if record is None:
        return
    sides = [s for s in ("left", "right") if getattr(record, f"injected_{s}_ml")]
    performer = b.practitioner(record.surgeon, record.surgeon_name)
    notes = [
        "Harvest: " + ", ".join(f"{k} {v} mL" for k, v in sorted(record.harvest.items())),
        "Injected: "
        + ", ".join(
            f"{s} {getattr(record, f'injected_{s}_ml')} mL ({getattr(record, f'plane_{s}')})"
            for s in sides
        ),
        f"Processing: {record.get_processing_display()}"
        + (f", about {record.centrifuge_g} g" if record.centrifuge_g else ""),
        f"Anaesthesia: {record.get_anaesthesia_display()}; duration {record.duration_min} min.",
    ]
    if record.team:
        notes.append(f"Team: {record.team}")
    if record.notes:
        notes.append(record.notes)
    resource: dict[str, Any] = {
        "resourceType": "Procedure",
        "status": "completed",
        "code": _concept(
            code_system("hipdip-procedure"),
            "hip-lipo-fat-graft",
            "Liposuction with autologous fat grafting to the hips",
        ),
        "subject": b.subject(),
        "performedDateTime": record.performed_on.isoformat(),
        "bodySite": [
            {"coding": [{"system": SNOMED, "code": HIP_REGION[s][0], "display": HIP_REGION[s][1]}]}
            for s in sides
        ],
        "note": [{"text": n} for n in notes],
    }
    if performer:
        resource["performer"] = [{"actor": performer}]
    if plan_urn:
        resource["basedOn"] = [_ref(plan_urn)]
    complications = [c for c in record.complications if c != "none"]
    if complications:
        resource["complication"] = [{"text": c.replace("_", " ")} for c in complications]
    b.add(_urn("procedure", record.pk), resource)


def _document(b: _Builder) -> None:
    patient = b.r.patient
    b.add(
        _urn("summary-pdf", patient.pk),
        {
            "resourceType": "DocumentReference",
            "status": "current",
            "type": _concept(LOINC, "11488-4", "Consult note"),
            "subject": b.subject(),
            "date": _dt(b.r.generated_at),
            "description": "Consultation summary (PDF), generated on request",
            "content": [
                {
                    "attachment": {
                        "contentType": "application/pdf",
                        "url": _abs(
                            reverse("api:consultation_pdf", kwargs={"patient_id": patient.pk})
                        ),
                        "title": "Consultation summary",
                    }
                }
            ],
        },
    )
