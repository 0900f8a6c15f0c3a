"""The surgeon's choices for a plan, their first draft and what changed between two."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from hipdip.care.grafting import (
    DONOR_SITES,
    Anaesthesia,
    InjectionPlane,
    Side,
)
from hipdip.web.consultations.selectors import (
    intake_of,
)
from hipdip.web.patients.models import Patient
from hipdip.web.plans.models import (
    GraftSides,
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


def donor_site_choices() -> list[tuple[str, str]]:
    return [(slug, site.name) for slug, site in DONOR_SITES.items()]


def changed_fields(before: PlanChoices, after: PlanChoices, names: Iterable[str]) -> list[str]:
    return [n for n in names if getattr(before, n) != getattr(after, n)]
