"""The stored plan and what the care layer makes of its choices."""

from __future__ import annotations

from dataclasses import dataclass, field

from hipdip.care.findings import Finding, apply_overrides, unresolved_stops
from hipdip.care.grafting import (
    Anaesthesia,
    InjectionPlane,
    Side,
    UnresolvedStopError,
    plan_treatment,
)
from hipdip.care.grafting import (
    TreatmentPlan as CarePlan,
)
from hipdip.web.consultations.selectors import (
    Screening,
    as_care_overrides,
    screening_for,
)
from hipdip.web.patients.models import Patient
from hipdip.web.plans.models import (
    PlanEvent,
    TreatmentPlan,
)
from hipdip.web.plans.selectors.choices import PlanChoices, default_choices


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
