"""The staff patient list: the patients app's search, with each patient's stage, open
alerts and next visit, and filters on stage and alerts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from hipdip.web.appointments.models import Appointment
from hipdip.web.appointments.selectors import next_appointments
from hipdip.web.patients.models import Patient
from hipdip.web.patients.selectors import patient_list
from hipdip.web.recovery.models import CheckIn, Level
from hipdip.web.workspace.stages import STAGES, Stage, stage_of, with_stage


@dataclass(frozen=True)
class PatientRow:
    patient: Patient
    stage: Stage
    has_alert: bool
    next_visit: Appointment | None


def staff_patients(
    *,
    visible: QuerySet[Patient],
    today: dt.date,
    search: str = "",
    stage: str = "",
    has_alert: bool = False,
    recovery_days: int | None = None,
) -> QuerySet[Patient]:
    """`visible` patients (from the access helper), searched and filtered, annotated with
    ``stage``, ``procedure_on`` and ``has_alert``."""
    alerts = CheckIn.objects.filter(
        course__patient=OuterRef("pk"), acknowledged_at__isnull=True
    ).exclude(level=Level.ROUTINE)
    qs = with_stage(
        patient_list(visible=visible, search=search), today=today, recovery_days=recovery_days
    ).annotate(has_alert=Exists(alerts))
    if stage in STAGES:
        qs = qs.filter(**{"stage": stage})  # annotations: unknown to the type stubs
    if has_alert:
        qs = qs.filter(**{"has_alert": True})
    return qs


def patient_rows(patients: list[Patient], *, today: dt.date) -> list[PatientRow]:
    """One page of the list with the stage words and each patient's next visit (all the
    page's next visits in one query)."""
    visits = next_appointments(patients)
    return [
        PatientRow(
            patient=p,
            stage=stage_of(p, today=today),
            has_alert=bool(getattr(p, "has_alert", False)),
            next_visit=visits.get(p.pk),
        )
        for p in patients
    ]
