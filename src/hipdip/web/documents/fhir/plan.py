"""Findings (Flag), the treatment plan (CarePlan), the procedure and the summary PDF."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from hipdip.vision.conventions import SIDES
from hipdip.web.documents.fhir.common import (
    HIP_REGION,
    LOINC,
    SNOMED,
    UCUM,
    Builder,
    absolute_url,
    code_system,
    concept,
    instant,
    make_urn,
    reference,
)


def add_flags(b: Builder) -> None:
    findings = [
        (f.code, str(f.severity), f.staff_text, f.override is not None)
        for f in b.r.screening.findings
    ]
    for w in (b.r.plan_summary or {}).get("warnings", []):
        findings.append((w["code"], w["severity"], w["staff_text"], w["override"] is not None))
    for code, severity, text, resolved in findings:
        b.add(
            make_urn(f"flag-{code}", b.r.patient.pk),
            {
                "resourceType": "Flag",
                "status": "inactive" if resolved else "active",
                "category": [
                    concept(
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


def add_care_plan(b: Builder) -> str | None:
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
                    "code": concept(
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
                "code": concept(
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
        "created": instant(plan.created_at),
        "activity": activities,
        "note": [
            {
                "text": f"Expected duration about {summary['duration_min']} min. "
                + (summary.get("notes") or "")
            },
            *_drift_notes(b),
        ],
    }
    if plan.is_approved:
        author = b.practitioner(plan.approved_by, plan.approved_by_name)
        if author:
            resource["author"] = author
    if summary.get("surgery_date"):
        resource["period"] = {"start": summary["surgery_date"]}
    return b.add(make_urn("plan", plan.pk), resource)


def _drift_notes(b: Builder) -> list[dict[str, Any]]:
    drift = b.r.drift
    if drift is None:
        return []
    sides = "; ".join(f"{d.side} {d.approved_depth_mm} -> {d.new_depth_mm} mm" for d in drift.sides)
    taken_on = drift.new_session.get("taken_on", "")
    how = (
        f"differ from those the plan was approved on ({sides})"
        if drift.depths_changed
        else f"measure the same as those the plan was approved on ({sides}) but were "
        "taken after the approval"
    )
    return [
        {
            "text": f"Needs re-confirmation: measurements of {taken_on} {how}. "
            "The figures are the approved ones."
        }
    ]


def add_procedure(b: Builder, plan_urn: str | None) -> None:
    record = b.r.procedure
    if record is None:
        return
    sides = [s for s in SIDES if getattr(record, f"injected_{s}_ml")]
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
        "code": concept(
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
        "note": [{"text": n} for n in notes] + _override_notes(b),
    }
    if performer:
        resource["performer"] = [{"actor": performer}]
    if plan_urn:
        resource["basedOn"] = [reference(plan_urn)]
    complications = [c for c in record.complications if c != "none"]
    if complications:
        resource["complication"] = [{"text": c.replace("_", " ")} for c in complications]
    b.add(make_urn("procedure", record.pk), resource)


def _override_notes(b: Builder) -> list[dict[str, Any]]:
    """The surgeon's decisions to go ahead despite a safety check, as annotations."""
    return [
        {
            "authorString": o.by_name,
            "time": instant(o.at),
            "text": f"Recorded despite a safety check. {o.what} Surgeon's reason: {o.reason}",
        }
        for o in b.r.overrides
    ]


def add_document(b: Builder) -> None:
    patient = b.r.patient
    b.add(
        make_urn("summary-pdf", patient.pk),
        {
            "resourceType": "DocumentReference",
            "status": "current",
            "type": concept(LOINC, "11488-4", "Consult note"),
            "subject": b.subject(),
            "date": instant(b.r.generated_at),
            "description": "Consultation summary (PDF), generated on request",
            "content": [
                {
                    "attachment": {
                        "contentType": "application/pdf",
                        "url": absolute_url(
                            reverse("api:consultation_pdf", kwargs={"patient_id": patient.pk})
                        ),
                        "title": "Consultation summary",
                    }
                }
            ],
        },
    )
