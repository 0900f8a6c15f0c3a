"""What every part of the bundle uses: code systems, identifiers, references and the
builder that collects the entries."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings

from hipdip.web.accounts.models import User
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


def make_urn(kind: str, key: Any) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


def reference(urn: str, display: str = "") -> dict[str, str]:
    return {"reference": urn, **({"display": display} if display else {})}


def instant(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def concept(system: str, code: str, display: str, text: str = "") -> dict[str, Any]:
    return {
        "coding": [{"system": system, "code": code, "display": display}],
        "text": text or display,
    }


class Builder:
    def __init__(self, record: ConsultationRecord) -> None:
        self.r = record
        self.entries: list[dict[str, Any]] = []
        self.patient_urn = make_urn("patient", record.patient.pk)
        self.practitioners: dict[int, str] = {}

    def add(self, urn: str, resource: dict[str, Any]) -> str:
        resource.setdefault("id", urn.rsplit(":", 1)[-1])
        self.entries.append({"fullUrl": urn, "resource": resource})
        return urn

    def practitioner(self, user: User | None, name: str = "") -> dict[str, str] | None:
        if user is None:
            return {"display": name} if name else None
        if user.pk not in self.practitioners:
            urn = make_urn("practitioner", user.pk)
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
        return reference(self.practitioners[user.pk], user.full_name or user.email)

    def subject(self) -> dict[str, str]:
        return reference(self.patient_urn, self.r.patient.full_name or self.r.patient.email)


def absolute_url(path: str) -> str:
    return f"{base_url()}{path}"
