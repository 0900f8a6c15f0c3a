"""Reading plans: the surgeon's choices, the plan the care layer proposes from them, and
the JSON summary that pages, the PDF, the API and approval snapshots all share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from hipdip.care.findings import Finding, apply_overrides, unresolved_stops
from hipdip.care.grafting import (
    ANAESTHESIA_OPTIONS,
    DONOR_SITES,
    Anaesthesia,
    InjectionPlane,
    Side,
    UnresolvedStopError,
    VolumeRange,
    plan_treatment,
)
from hipdip.care.grafting import (
    TreatmentPlan as CarePlan,
)
from hipdip.care.settings import ClinicSettings
from hipdip.web.consultations.clinical import MeasurementSet
from hipdip.web.consultations.selectors import (
    Screening,
    as_care_overrides,
    intake_of,
    screening_for,
)
from hipdip.web.patients.models import Patient
from hipdip.web.plans.models import (
    ANAESTHESIA_LABELS,
    PLANE_LABELS,
    GraftSides,
    PlanEvent,
    ProcedureRecord,
    TreatmentPlan,
)


@dataclass(frozen=True)
class PlanChoices:
    """What the surgeon decides; everything else is worked out from it."""

    graft_sides: str = GraftSides.BOTH
    plane_left: str = InjectionPlane.SUBCUTANEOUS
    plane_right: str = InjectionPlane.SUBCUTANEOUS
    donor_sites: tuple[str, ...] = ()
    anaesthesia: str = Anaesthesia.LOCAL_TUMESCENT
    contour_liposuction_ml: int = 0
    planned_left_ml: int | None = None
    planned_right_ml: int | None = None
    surgery_date: dt.date | None = None
    notes: str = ""

    CLINICAL = (
        "graft_sides",
        "plane_left",
        "plane_right",
        "donor_sites",
        "anaesthesia",
        "contour_liposuction_ml",
        "planned_left_ml",
        "planned_right_ml",
    )

    @classmethod
    def of(cls, plan: TreatmentPlan) -> PlanChoices:
        return cls(
            graft_sides=plan.graft_sides,
            plane_left=plan.plane_left,
            plane_right=plan.plane_right,
            donor_sites=tuple(plan.donor_sites or ()),
            anaesthesia=plan.anaesthesia,
            contour_liposuction_ml=plan.contour_liposuction_ml,
            planned_left_ml=plan.planned_left_ml,
            planned_right_ml=plan.planned_right_ml,
            surgery_date=plan.surgery_date,
            notes=plan.notes,
        )

    @property
    def sides(self) -> tuple[Side, ...]:
        if self.graft_sides == GraftSides.LEFT:
            return (Side.LEFT,)
        if self.graft_sides == GraftSides.RIGHT:
            return (Side.RIGHT,)
        return (Side.LEFT, Side.RIGHT)

    def planned_ml(self, side: str) -> int | None:
        return self.planned_left_ml if side == Side.LEFT else self.planned_right_ml

    def plane(self, side: str) -> str:
        return self.plane_left if side == Side.LEFT else self.plane_right


def default_choices(patient: Patient) -> PlanChoices:
    """A first draft: the side(s) the patient mentioned, subcutaneous, local anaesthesia."""
    intake = intake_of(patient)
    side = (intake.answers.get("bothers_side") if intake else None) or "both"
    sides = side if side in (GraftSides.LEFT, GraftSides.RIGHT) else GraftSides.BOTH
    return PlanChoices(graft_sides=sides, donor_sites=("abdomen", "flanks"))


def plan_of(patient: Patient) -> TreatmentPlan | None:
    return (
        TreatmentPlan.objects.select_related("updated_by", "approved_by", "measurement_session")
        .filter(patient=patient)
        .first()
    )


def plan_events(plan: TreatmentPlan) -> list[PlanEvent]:
    return list(plan.events.order_by("-at", "-id"))


@dataclass(frozen=True)
class Computed:
    """The care layer's plan for some choices, or why there is none yet."""

    screening: Screening
    care_plan: CarePlan | None = None
    warnings: tuple[Finding, ...] = ()
    problem: str = ""
    blocked_by: tuple[Finding, ...] = field(default=())

    @property
    def unresolved(self) -> tuple[Finding, ...]:
        """Stop findings (screening and plan) nobody has overridden."""
        return (*self.blocked_by, *unresolved_stops(self.warnings))

    @property
    def approvable(self) -> bool:
        return self.care_plan is not None and not self.unresolved


def compute(choices: PlanChoices, screening: Screening) -> Computed:
    """Ask the care layer for a plan; an unresolved stop or missing input is a reason."""
    if not screening.ready:
        return Computed(screening, problem="The intake has not been submitted yet.")
    measurements = screening.measurements
    if measurements.is_empty:
        return Computed(
            screening,
            problem="There are no measured photos yet: add a consultation photo session.",
        )
    wanted = [m for m in measurements.sides if m.side in choices.sides]
    if not wanted:
        return Computed(
            screening,
            problem="The chosen side was not measured on the latest photos.",
        )
    try:
        care_plan = plan_treatment(
            measurements=wanted,
            findings=screening.findings,
            settings=screening.settings,
            donor_sites=choices.donor_sites,
            planes={
                Side(s): InjectionPlane(choices.plane(s))
                for s in choices.sides
                if any(m.side == s for m in wanted)
            },
            anaesthesia=Anaesthesia(choices.anaesthesia),
            contour_liposuction_ml=float(choices.contour_liposuction_ml),
        )
    except UnresolvedStopError as exc:
        return Computed(screening, blocked_by=exc.findings, problem="")
    except ValueError as exc:
        return Computed(screening, problem=str(exc))
    warnings = apply_overrides(care_plan.warnings, as_care_overrides(screening.overrides))
    return Computed(screening, care_plan=care_plan, warnings=warnings)


def plan_view(
    patient: Patient, *, choices: PlanChoices | None = None
) -> tuple[PlanChoices, Computed]:
    """The stored (or given, or default) choices and what the care layer makes of them."""
    if choices is None:
        plan = plan_of(patient)
        choices = PlanChoices.of(plan) if plan else default_choices(patient)
    return choices, compute(choices, screening_for(patient))


def plan_finding_codes(patient: Patient) -> tuple[str, ...]:
    """Codes of the plan's own safety findings now, so a surgeon can override them."""
    plan = plan_of(patient)
    if plan is None:
        return ()
    _, computed = plan_view(patient, choices=PlanChoices.of(plan))
    return tuple(f.code for f in computed.warnings)


# --- the summary shared by pages, documents, the API and approval snapshots ----------


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "severity": str(f.severity),
        "staff_text": f.staff_text,
        "patient_text": f.patient_text,
        "source_id": f.source_id,
        "override": None
        if f.override is None
        else {
            "reason": f.override.reason,
            "surgeon": f.override.surgeon,
            "decided_on": f.override.decided_on.isoformat() if f.override.decided_on else None,
        },
    }


def _range(v: VolumeRange) -> dict[str, float]:
    return {
        "low_ml": round(v.low_ml, 1),
        "expected_ml": round(v.expected_ml, 1),
        "high_ml": round(v.high_ml, 1),
    }


def plan_summary(
    choices: PlanChoices, computed: Computed, *, session_info: Mapping[str, Any] | None = None
) -> dict[str, Any] | None:
    """Everything about a computed plan as JSON-ready data (``None`` if not computed)."""
    care_plan = computed.care_plan
    if care_plan is None:
        return None
    s = computed.screening.settings
    sides: list[dict[str, Any]] = []
    for est in care_plan.sides:
        planned = choices.planned_ml(est.side)
        target = float(planned) if planned is not None else round(est.injected.expected_ml, 1)
        sides.append(
            {
                "side": str(est.side),
                "views": [str(v) for v in est.views],
                "depth_mm": round(est.depth_mm, 1),
                "extent_mm": round(est.extent_mm, 1),
                "deficit_ml": round(est.deficit_ml, 1),
                "grafted": est.grafted,
                "injected": _range(est.injected),
                "aspirate": _range(est.aspirate),
                "plane": str(care_plan.planes.get(est.side, "")),
                "surgeon_ml": planned,
                "target_ml": target if est.grafted or planned else 0.0,
                "target_aspirate_ml": round(
                    (target if est.grafted or planned else 0.0) / s.processing_yield, 1
                ),
            }
        )
    target_total = sum(float(x["target_ml"]) for x in sides)
    return {
        "computed_at": timezone.now().isoformat(timespec="seconds"),
        "measurement_session": dict(session_info or {}),
        "graft_sides": choices.graft_sides,
        "sides": sides,
        "total_injected": _range(care_plan.total_injected),
        "total_aspirate": _range(care_plan.total_aspirate),
        "target_injected_ml": round(target_total, 1),
        "target_aspirate_ml": round(
            target_total / s.processing_yield + care_plan.contour_liposuction_ml, 1
        ),
        "contour_liposuction_ml": care_plan.contour_liposuction_ml,
        "donor_sites": [
            {"slug": d, "name": DONOR_SITES[d].name, "note": DONOR_SITES[d].note}
            for d in care_plan.donor_sites
        ],
        "anaesthesia": {
            "value": str(care_plan.anaesthesia),
            "label": ANAESTHESIA_LABELS[str(care_plan.anaesthesia)],
            "text": ANAESTHESIA_OPTIONS[care_plan.anaesthesia],
        },
        "duration_min": care_plan.duration_min,
        "recovery": {
            "desk_work_days": care_plan.recovery.desk_work_days,
            "light_exercise_days": care_plan.recovery.light_exercise_days,
            "normal_activity_days": care_plan.recovery.normal_activity_days,
            "final_result_days": list(care_plan.recovery.final_result_days),
        },
        "warnings": [finding_dict(f) for f in computed.warnings],
        "findings": [finding_dict(f) for f in computed.screening.findings],
        "assumptions": assumptions(s),
        "surgery_date": choices.surgery_date.isoformat() if choices.surgery_date else None,
        "notes": choices.notes,
    }


def assumptions(s: ClinicSettings) -> dict[str, float]:
    """The settings the volume estimate rests on, stated with every plan."""
    return {
        "graft_retention_low": s.graft_retention_low,
        "graft_retention_expected": s.graft_retention_expected,
        "graft_retention_high": s.graft_retention_high,
        "processing_yield": s.processing_yield,
        "deficit_ap_span_factor": s.deficit_ap_span_factor,
        "dip_present_mm": s.dip_present_mm,
        "large_volume_aspirate_ml": s.large_volume_aspirate_ml,
    }


def session_info(measurements: MeasurementSet) -> dict[str, Any]:
    session = measurements.session
    if session is None:
        return {}
    return {
        "id": str(session.pk),
        "taken_on": session.taken_on.isoformat(),
        "purpose": session.purpose_label,
        "height_cm": float(session.height_cm),
        "views": [p.view for p in measurements.photos],
    }


def plane_label(value: str) -> str:
    return PLANE_LABELS.get(value, value or "—")


def procedure_of(patient: Patient) -> ProcedureRecord | None:
    return ProcedureRecord.objects.select_related("plan", "surgeon").filter(patient=patient).first()


def procedure_date_of(patient: Patient) -> dt.date | None:
    """The date of the patient's recorded procedure (for the recovery course)."""
    return (
        ProcedureRecord.objects.filter(patient=patient)
        .values_list("performed_on", flat=True)
        .first()
    )


def donor_site_choices() -> list[tuple[str, str]]:
    return [(slug, site.name) for slug, site in DONOR_SITES.items()]


def changed_fields(before: PlanChoices, after: PlanChoices, names: Iterable[str]) -> list[str]:
    return [n for n in names if getattr(before, n) != getattr(after, n)]
