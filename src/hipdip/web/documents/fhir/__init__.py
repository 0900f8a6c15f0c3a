"""A patient's consultation record as a FHIR R4 Bundle (type ``collection``).

Resources: Patient; Practitioner for the staff named; QuestionnaireResponse (the intake);
Observation for height, weight and BMI (vital signs, LOINC) and for the hip-dip depth of
each side in each measured photo (local code, SNOMED body site with laterality, UCUM mm,
method "2-D photo silhouette", derived from the photo's Media) and for each session's one
figure per side (the mean of its front and back photos, as every page shows it; derived
from those per-photo Observations, with a note that says how); Media for the photos;
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

import uuid
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from hipdip.web.documents.fhir.common import NAMESPACE, Builder, instant
from hipdip.web.documents.fhir.intake import (
    add_allergies,
    add_conditions,
    add_consent,
    add_medications,
    add_patient,
    add_questionnaire_response,
    add_vitals,
)
from hipdip.web.documents.fhir.measurements import add_depths, add_media
from hipdip.web.documents.fhir.plan import add_care_plan, add_document, add_flags, add_procedure
from hipdip.web.documents.selectors import ConsultationRecord

__all__ = ["consultation_bundle"]


def consultation_bundle(record: ConsultationRecord) -> dict[str, Any]:
    """The FHIR R4 Bundle of a consultation record, as JSON-ready data (validated)."""
    b = Builder(record)
    add_patient(b)
    add_questionnaire_response(b)
    add_consent(b)
    add_vitals(b)
    media = add_media(b)
    add_depths(b, media)
    add_conditions(b)
    add_allergies(b)
    add_medications(b)
    add_flags(b)
    plan_urn = add_care_plan(b)
    add_procedure(b, plan_urn)
    add_document(b)
    bundle = {
        "resourceType": "Bundle",
        "id": str(uuid.uuid5(NAMESPACE, f"bundle:{record.patient.pk}:{record.generated_at}")),
        "type": "collection",
        "timestamp": instant(record.generated_at),
        "entry": b.entries,
    }
    Bundle.model_validate(bundle)  # raises if anything is not valid FHIR
    return bundle
