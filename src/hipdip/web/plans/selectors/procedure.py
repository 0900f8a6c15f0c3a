"""The procedure record of a patient."""

from __future__ import annotations

import datetime as dt

from hipdip.web.patients.models import Patient
from hipdip.web.plans.models import (
    ProcedureRecord,
)


def procedure_of(patient: Patient) -> ProcedureRecord | None:
    return ProcedureRecord.objects.select_related("plan", "surgeon").filter(patient=patient).first()


def procedure_date_of(patient: Patient) -> dt.date | None:
    """The date of the patient's recorded procedure (for the recovery course)."""
    return (
        ProcedureRecord.objects.filter(patient=patient)
        .values_list("performed_on", flat=True)
        .first()
    )
