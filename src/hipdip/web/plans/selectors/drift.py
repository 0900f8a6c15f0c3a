"""Whether an approved plan still stands on the measurements it was approved on.

New photos after approval change the depth of each dip and so the volume the model would
suggest. The approved figures never change by themselves: the plan shows the difference
per side and waits for the surgeon to keep the approved figures or send it back to draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hipdip.web.plans.models import TreatmentPlan
from hipdip.web.plans.selectors.choices import PlanChoices
from hipdip.web.plans.selectors.plan import Computed
from hipdip.web.plans.selectors.summary import plan_summary, session_info


@dataclass(frozen=True)
class SideDrift:
    """One side: the figures the plan was approved on next to the new ones."""

    side: str
    approved_depth_mm: float | None
    new_depth_mm: float | None
    approved_ml: float | None
    new_ml: float | None

    @property
    def depth_change_mm(self) -> float | None:
        if self.approved_depth_mm is None or self.new_depth_mm is None:
            return None
        return round(self.new_depth_mm - self.approved_depth_mm, 1)

    @property
    def volume_change_ml(self) -> float | None:
        if self.approved_ml is None or self.new_ml is None:
            return None
        return round(self.new_ml - self.approved_ml)

    def as_dict(self) -> dict[str, Any]:
        return {
            "side": self.side,
            "approved_depth_mm": self.approved_depth_mm,
            "new_depth_mm": self.new_depth_mm,
            "depth_change_mm": self.depth_change_mm,
            "approved_ml": self.approved_ml,
            "new_ml": self.new_ml,
            "volume_change_ml": self.volume_change_ml,
        }


@dataclass(frozen=True)
class Drift:
    """New measurements since approval (or since the surgeon last re-confirmed)."""

    approved_session: dict[str, Any]
    new_session: dict[str, Any]
    sides: tuple[SideDrift, ...]

    @property
    def depths_changed(self) -> bool:
        """Whether a side measures differently (new photos that measure the same still
        need the surgeon to re-confirm, but the pages must not say they differ)."""
        return any(s.approved_depth_mm != s.new_depth_mm for s in self.sides)

    def as_dict(self) -> dict[str, Any]:
        return {
            "approved_measurements": self.approved_session,
            "new_measurements": self.new_session,
            "sides": [s.as_dict() for s in self.sides],
        }


def confirmed_baseline(plan: TreatmentPlan) -> dict[str, Any]:
    """The measurements the approved figures stand on: session and depth per side."""
    if plan.confirmed_measurements:
        return dict(plan.confirmed_measurements)
    snap = plan.approved_snapshot or {}
    return {
        "session": dict(snap.get("measurement_session") or {}),
        "depth_mm": {s["side"]: s["depth_mm"] for s in snap.get("sides", [])},
    }


def current_measurements(computed: Computed, summary: dict[str, Any] | None) -> dict[str, Any]:
    """The newest measurements in the same form as :func:`confirmed_baseline`
    (``summary``: the plan's choices worked out on them)."""
    return {
        "session": session_info(computed.screening.measurements),
        "depth_mm": {s["side"]: s["depth_mm"] for s in (summary or {}).get("sides", [])},
    }


def plan_drift(plan: TreatmentPlan, computed: Computed, *, has_procedure: bool) -> Drift | None:
    """The change since the approved measurements, or None when there is none to confirm.

    Only an approved plan without a recorded procedure can drift; a new photo session or
    a changed depth on either side counts. ``computed`` is the plan's choices on today's
    measurements (see :func:`~hipdip.web.plans.selectors.plan.plan_view`).
    """
    if not plan.is_approved or has_procedure or not plan.approved_snapshot:
        return None
    base = confirmed_baseline(plan)
    fresh = plan_summary(PlanChoices.of(plan), computed) if computed.care_plan else None
    now = current_measurements(computed, fresh)
    if not now["session"]:
        return None
    same_session = base["session"].get("id") == now["session"].get("id")
    if same_session and base["depth_mm"] == now["depth_mm"]:
        return None
    approved_ml = {s["side"]: s["target_ml"] for s in plan.approved_snapshot.get("sides", [])}
    new_ml = {s["side"]: s["injected"]["expected_ml"] for s in (fresh or {}).get("sides", [])}
    sides = sorted(set(base["depth_mm"]) | set(now["depth_mm"]))
    return Drift(
        approved_session=base["session"],
        new_session=now["session"],
        sides=tuple(
            SideDrift(
                side=side,
                approved_depth_mm=base["depth_mm"].get(side),
                new_depth_mm=now["depth_mm"].get(side),
                approved_ml=approved_ml.get(side),
                new_ml=round(new_ml[side]) if side in new_ml else None,
            )
            for side in sides
        ),
    )
