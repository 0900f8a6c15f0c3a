"""Where a patient is in their journey, as one word staff can sort and filter by.

The stage is worked out in the database (so the patient list can filter and paginate on
it) from what exists: an active training programme, a recovery course (and its day), a
treatment plan, an intake; a record with none of these is still a lead.

After a procedure the patient is in recovery until the course's last day (the clinic's
normal-activity day, day 42 by default); a training programme that starts earlier does
not change that. Only after that day does an active programme make the stage "Training".
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Exists,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from hipdip.care.settings import ClinicSettings
from hipdip.web.accounts.models import Clinic
from hipdip.web.clinic.selectors import care_settings_for, default_timezone_for
from hipdip.web.consultations.models import Intake
from hipdip.web.patients.models import Patient
from hipdip.web.plans.models import ProcedureRecord, TreatmentPlan
from hipdip.web.recovery.models import RecoveryCourse
from hipdip.web.training.models import Programme
from hipdip.web.training.models import Status as ProgrammeStatus

#: Stage keys in journey order, with the words staff see.
STAGES: dict[str, str] = {
    "lead": "Lead",
    "consultation": "Consultation",
    "planned": "Planned",
    "procedure": "Procedure",
    "recovery": "Recovery",
    "training": "Training",
}


@dataclass(frozen=True)
class Stage:
    key: str
    recovery_day: int | None = None

    @property
    def label(self) -> str:
        if self.key == "recovery" and self.recovery_day is not None:
            return f"Recovery day {self.recovery_day}"
        return STAGES[self.key]


def clinic_today(clinic: Clinic | None, *, now: dt.datetime | None = None) -> dt.date:
    """Today's date in the clinic's time zone."""
    return today_in(default_timezone_for(clinic), now=now)


def today_in(zone: str, *, now: dt.datetime | None = None) -> dt.date:
    """Today's date in the time zone named `zone` (one the clinic's settings gave)."""
    return (now or timezone.now()).astimezone(zoneinfo.ZoneInfo(zone)).date()


def clinic_recovery_days(clinic: Clinic | None) -> int:
    """The clinic's last day of recovery (its normal-activity day)."""
    return care_settings_for(clinic).normal_activity_days


#: The last recovery day when the caller does not pass the clinic's own (the care default).
DEFAULT_RECOVERY_DAYS = ClinicSettings().normal_activity_days


def with_stage(
    qs: QuerySet[Patient], *, today: dt.date, recovery_days: int | None = None
) -> QuerySet[Patient]:
    """Patients annotated with ``stage`` (a key of :data:`STAGES`) and
    ``procedure_on`` (the surgery date: the recovery course's, else the plan's).

    ``recovery_days`` is the last day of recovery (the clinic's normal-activity day):
    up to and including it a patient after surgery is in recovery, programme or not.
    """
    last_day = DEFAULT_RECOVERY_DAYS if recovery_days is None else recovery_days
    recovery_from = today - dt.timedelta(days=last_day)  # surgery on or after: in recovery
    course_date = RecoveryCourse.objects.filter(patient=OuterRef("pk")).values("procedure_date")[:1]
    plan_date = TreatmentPlan.objects.filter(patient=OuterRef("pk")).values("surgery_date")[:1]
    done_date = ProcedureRecord.objects.filter(patient=OuterRef("pk")).values("performed_on")[:1]
    # A programme counts once it has started (after surgery it starts at clearance).
    training = Programme.objects.filter(
        patient=OuterRef("pk"), status=ProgrammeStatus.ACTIVE, start_date__lte=today
    )
    return qs.annotate(
        course_on=Subquery(course_date),
        procedure_on=Coalesce(Subquery(course_date), Subquery(done_date), Subquery(plan_date)),
        has_training=Exists(training),
        has_plan=Exists(TreatmentPlan.objects.filter(patient=OuterRef("pk"))),
        has_intake=Exists(Intake.objects.filter(patient=OuterRef("pk"))),
    ).annotate(
        stage=Case(
            When(procedure_on=today, then=Value("procedure")),
            When(
                procedure_on__lt=today,
                procedure_on__gte=recovery_from,
                then=Value("recovery"),
            ),
            When(has_training=True, then=Value("training")),
            When(procedure_on__lt=today, then=Value("recovery")),
            When(has_plan=True, then=Value("planned")),
            When(course_on__isnull=False, then=Value("planned")),
            When(has_intake=True, then=Value("consultation")),
            default=Value("lead"),
            output_field=CharField(),
        )
    )


def stage_of(row: Patient, *, today: dt.date) -> Stage:
    """The stage of a patient annotated by :func:`with_stage`, with the recovery day."""
    key = getattr(row, "stage", "lead")
    procedure_on = getattr(row, "procedure_on", None)
    day = (today - procedure_on).days if key == "recovery" and procedure_on else None
    return Stage(key=key, recovery_day=day)
