"""The procedure record of a patient, and the safety checks recording one has to pass."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from hipdip.care.preop import DAY_OF_SURGERY_STOPS
from hipdip.web.consultations.selectors import screening_for
from hipdip.web.patients.models import Patient
from hipdip.web.plans.models import ProcedureOverride, ProcedureRecord, TreatmentPlan
from hipdip.web.plans.preop import checklist_for
from hipdip.web.plans.selectors.choices import PlanChoices
from hipdip.web.plans.selectors.drift import plan_drift
from hipdip.web.plans.selectors.plan import compute


def procedure_of(patient: Patient) -> ProcedureRecord | None:
    return ProcedureRecord.objects.select_related("plan", "surgeon").filter(patient=patient).first()


def procedure_date_of(patient: Patient) -> dt.date | None:
    """The date of the patient's recorded procedure (for the recovery course)."""
    return (
        ProcedureRecord.objects.filter(patient=patient)
        .values_list("performed_on", flat=True)
        .first()
    )


def procedure_overrides(record: ProcedureRecord | None) -> list[ProcedureOverride]:
    """The surgeon's recorded decisions to go ahead, in the order they were made."""
    return list(record.overrides.order_by("at", "id")) if record is not None else []


@dataclass(frozen=True)
class SafetyCheck:
    """One reason the procedure should not have gone ahead as recorded: only a surgeon's
    recorded decision (with a reason) lets the record be saved."""

    key: str
    title: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"item": self.key, "title": self.title, "detail": self.detail}


def _date(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def _session_date(session: dict[str, Any]) -> str:
    """The day a session's photos were taken, as the pages write dates."""
    try:
        return _date(dt.date.fromisoformat(str(session["taken_on"])))
    except (KeyError, ValueError):
        return "a later date"


def _checklist_checks(
    patient: Patient, plan: TreatmentPlan, performed_on: dt.date
) -> list[SafetyCheck]:
    if plan.surgery_date is None:
        return [
            SafetyCheck(
                "no_surgery_date",
                "No planned surgery date",
                "The plan has no surgery date, so the patient had no pre-op checklist.",
            )
        ]
    view = checklist_for(patient, today=min(performed_on, plan.surgery_date))
    if not view.rows or view.done_count == len(view.rows):
        return []
    open_rows = [r for r in view.rows if not r.done]
    shown = "; ".join(r.item.text.rstrip(". ") for r in open_rows[:3])
    more = f"; and {len(open_rows) - 3} more" if len(open_rows) > 3 else ""
    return [
        SafetyCheck(
            "checklist",
            "Pre-op checklist not complete",
            f"{view.done_count} of {len(view.rows)} items done. Not done: {shown}{more}.",
        )
    ]


def procedure_checks(
    patient: Patient, plan: TreatmentPlan, *, performed_on: dt.date, today: dt.date | None = None
) -> tuple[SafetyCheck, ...]:
    """What needs a surgeon's decision before this procedure can be recorded.

    A date before the planned surgery date, an incomplete pre-op checklist (or none, when
    no date was planned), a stop finding nobody resolved or a habit that stops surgery on
    the day (``DAY_OF_SURGERY_STOPS``, e.g. still smoking or vaping), and new
    measurements the approved plan was not re-confirmed on.
    """
    today = today or timezone.localdate()
    checks: list[SafetyCheck] = []
    if plan.surgery_date is not None and performed_on < plan.surgery_date:
        days = (plan.surgery_date - performed_on).days
        checks.append(
            SafetyCheck(
                "early",
                "Before the planned date",
                f"Recorded for {_date(performed_on)}, {days} day{'s' if days != 1 else ''} "
                f"before the planned surgery date, {_date(plan.surgery_date)}.",
            )
        )
    checks += _checklist_checks(patient, plan, performed_on)
    screening = screening_for(patient, today=today)
    computed = compute(PlanChoices.of(plan), screening)
    open_findings = list(computed.unresolved)
    seen = {f.code for f in open_findings}
    open_findings += [
        f for f in screening.findings if f.code in DAY_OF_SURGERY_STOPS and f.code not in seen
    ]
    for f in open_findings:
        checks.append(SafetyCheck(f"finding-{f.code}", "Open safety finding", f.staff_text))
    drift = plan_drift(plan, computed, has_procedure=False)
    if drift is not None:
        changes = ", ".join(
            f"{s.side} {s.approved_depth_mm} → {s.new_depth_mm} mm" for s in drift.sides
        )
        when = _session_date(drift.new_session)
        checks.append(
            SafetyCheck(
                "plan_drift",
                "Plan not re-confirmed after new measurements",
                f"New measurements of {when} differ from those the plan was approved on "
                f"({changes})."
                if drift.depths_changed
                else f"New photos of {when}, taken after the plan was approved, measure the "
                f"same ({changes}); a surgeon has not re-confirmed the plan on them.",
            )
        )
    return tuple(checks)
