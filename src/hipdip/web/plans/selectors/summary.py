"""The summary of a plan shared by pages, documents, the API and approval snapshots."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from hipdip.care.findings import Finding
from hipdip.care.grafting import (
    ANAESTHESIA_OPTIONS,
    DONOR_SITES,
    VolumeRange,
)
from hipdip.care.settings import ClinicSettings
from hipdip.web.consultations.clinical import MeasurementSet
from hipdip.web.plans.models import (
    ANAESTHESIA_LABELS,
    PLANE_LABELS,
)
from hipdip.web.plans.selectors.choices import PlanChoices
from hipdip.web.plans.selectors.plan import Computed


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
                "how": _how(computed, est.side),
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


def _how(computed: Computed, side: str) -> str:
    """How the side's depth was reached ("mean of front 10.6 and back 14.8 mm")."""
    figure = computed.screening.measurements.figure(side)
    return figure.how if figure is not None else ""


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
