"""Treatment plan for liposuction with fat grafting into the hip dips.

:func:`plan_treatment` combines the volume model (:mod:`hipdip.care.volumes`), the
surgeon's choices (donor sites, injection plane per side, anaesthesia, extra contouring
liposuction) and the screening findings. It refuses to plan while a "stop" finding is
unresolved (:class:`UnresolvedStopError`). Planning an injection into or under muscle
adds a stop-level warning: deep injection drives fatal fat embolism (ASERF task force,
Mofid et al. 2017). The plan is a proposal for the surgeon to edit and approve.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from hipdip.care.findings import Finding, Severity, has_unresolved_stop, unresolved_stops
from hipdip.care.settings import ClinicSettings
from hipdip.care.volumes import (
    ZERO,
    Side,
    SideEstimate,
    SideMeasurement,
    View,
    VolumeRange,
    deficit_volume_ml,
    estimate_sides,
)

__all__ = [
    "ANAESTHESIA_OPTIONS",
    "DONOR_SITES",
    "Anaesthesia",
    "DonorSite",
    "InjectionPlane",
    "RecoveryOutlook",
    "Side",
    "SideEstimate",
    "SideMeasurement",
    "TreatmentPlan",
    "UnresolvedStopError",
    "View",
    "VolumeRange",
    "deficit_volume_ml",
    "estimate_sides",
    "plan_treatment",
]


class UnresolvedStopError(Exception):
    """Raised when a plan is requested while a "stop" finding is unresolved."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        codes = ", ".join(f.code for f in self.findings)
        super().__init__(
            f"cannot plan treatment: unresolved stop finding(s) {codes}; "
            "a surgeon must resolve or override them first"
        )


class InjectionPlane(StrEnum):
    SUBCUTANEOUS = "subcutaneous"
    INTRAMUSCULAR = "intramuscular"
    SUBMUSCULAR = "submuscular"


class Anaesthesia(StrEnum):
    LOCAL_TUMESCENT = "local_tumescent"
    SEDATION = "sedation"
    GENERAL = "general"


ANAESTHESIA_OPTIONS: Mapping[Anaesthesia, str] = MappingProxyType(
    {
        Anaesthesia.LOCAL_TUMESCENT: "Tumescent local anaesthesia, with or without a calming "
        "tablet: you stay awake; common for liposuction.",
        Anaesthesia.SEDATION: "Intravenous sedation: you are drowsy and relaxed, breathing on "
        "your own.",
        Anaesthesia.GENERAL: "General anaesthesia: you are fully asleep; chosen by the surgeon "
        "and anaesthetist.",
    }
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DonorSite:
    slug: str
    name: str
    note: str


DONOR_SITES: Mapping[str, DonorSite] = MappingProxyType(
    {
        d.slug: d
        for d in (
            DonorSite(
                slug="abdomen", name="Abdomen", note="Most common; often the largest reserve."
            ),
            DonorSite(slug="flanks", name="Flanks", note="Also narrows the waist above the dip."),
            DonorSite(slug="inner_thighs", name="Inner thighs", note="Smaller reserve; thin skin."),
            DonorSite(
                slug="outer_thighs",
                name="Outer thighs",
                note="Fat below the dip; removing it can soften the dip by itself.",
            ),
            DonorSite(slug="back", name="Back", note="Upper or lower back rolls."),
        )
    }
)


@dataclass(frozen=True, slots=True, kw_only=True)
class RecoveryOutlook:
    """Expected recovery, in days after surgery, from the clinic's settings."""

    desk_work_days: int
    light_exercise_days: int
    normal_activity_days: int
    final_result_days: tuple[int, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class TreatmentPlan:
    """A proposed plan; ``warnings`` may hold stop-level safety findings."""

    sides: tuple[SideEstimate, ...]
    planes: Mapping[Side, InjectionPlane]
    donor_sites: tuple[str, ...]
    anaesthesia: Anaesthesia
    contour_liposuction_ml: float
    total_injected: VolumeRange
    total_aspirate: VolumeRange
    warnings: tuple[Finding, ...]
    duration_min: int
    recovery: RecoveryOutlook

    @property
    def has_unresolved_stop(self) -> bool:
        return has_unresolved_stop(self.warnings)


def plan_treatment(
    *,
    measurements: Sequence[SideMeasurement],
    findings: Iterable[Finding],
    settings: ClinicSettings,
    donor_sites: Sequence[str] = (),
    planes: Mapping[Side, InjectionPlane] | None = None,
    anaesthesia: Anaesthesia = Anaesthesia.LOCAL_TUMESCENT,
    contour_liposuction_ml: float = 0.0,
) -> TreatmentPlan:
    """Propose a plan; raise :class:`UnresolvedStopError` if a stop finding is open.

    ``planes`` defaults to subcutaneous for every grafted side. ``contour_liposuction_ml``
    is aspirate removed for shaping beyond the graft harvest; it counts toward the
    large-volume threshold.
    """
    blocking = unresolved_stops(findings)
    if blocking:
        raise UnresolvedStopError(blocking)
    _check_choices(donor_sites, contour_liposuction_ml)
    sides = estimate_sides(measurements, settings=settings)
    chosen = {s.side: InjectionPlane.SUBCUTANEOUS for s in sides if s.grafted}
    chosen.update(planes or {})
    injected = sum((s.injected for s in sides), ZERO)
    extra = VolumeRange(
        low_ml=contour_liposuction_ml,
        expected_ml=contour_liposuction_ml,
        high_ml=contour_liposuction_ml,
    )
    aspirate = sum((s.aspirate for s in sides), extra)
    return TreatmentPlan(
        sides=sides,
        planes=MappingProxyType(chosen),
        donor_sites=tuple(donor_sites),
        anaesthesia=anaesthesia,
        contour_liposuction_ml=contour_liposuction_ml,
        total_injected=injected,
        total_aspirate=aspirate,
        warnings=(*_plane_warnings(chosen), *_volume_warnings(aspirate, settings)),
        duration_min=_duration_min(sides, aspirate, settings),
        recovery=RecoveryOutlook(
            desk_work_days=settings.desk_work_days,
            light_exercise_days=settings.light_exercise_days,
            normal_activity_days=settings.normal_activity_days,
            final_result_days=(settings.final_result_days_min, settings.final_result_days_max),
        ),
    )


def _check_choices(donor_sites: Sequence[str], contour_ml: float) -> None:
    unknown = sorted(set(donor_sites) - set(DONOR_SITES))
    if unknown:
        raise ValueError(
            f"unknown donor site(s) {', '.join(unknown)}; choose from {', '.join(DONOR_SITES)}"
        )
    if not math.isfinite(contour_ml) or not 0 <= contour_ml <= 20000:
        raise ValueError(f"contour_liposuction_ml must be 0-20000 mL, got {contour_ml}")


def _plane_warnings(planes: Mapping[Side, InjectionPlane]) -> list[Finding]:
    deep = [
        f"{side} ({plane})"
        for side, plane in sorted(planes.items())
        if plane is not InjectionPlane.SUBCUTANEOUS
    ]
    if not deep:
        return []
    return [
        Finding(
            code="deep_injection_plane",
            severity=Severity.STOP,
            staff_text=f"Injection into or under muscle planned: {', '.join(deep)}. Deep "
            "injection drives fatal pulmonary fat embolism; inject subcutaneously only.",
            patient_text="Your surgeon will review where the fat is placed so it stays in the "
            "safest layer, just under the skin.",
            source_id="aserf-mofid-2017",
        )
    ]


def _volume_warnings(aspirate: VolumeRange, s: ClinicSettings) -> list[Finding]:
    if aspirate.high_ml <= s.large_volume_aspirate_ml:
        return []
    return [
        Finding(
            code="large_volume_liposuction",
            severity=Severity.CAUTION,
            staff_text=f"Total aspirate up to {aspirate.high_ml:.0f} mL exceeds "
            f"{s.large_volume_aspirate_ml:.0f} mL: large-volume liposuction; plan extended "
            "monitoring and an overnight stay.",
            patient_text="The amount of fat to be removed means you'll be watched more closely "
            "after surgery, usually overnight.",
            source_id="asps-haeck-2009",
        )
    ]


def _duration_min(sides: Sequence[SideEstimate], aspirate: VolumeRange, s: ClinicSettings) -> int:
    """Heuristic operating time (hipdip-model), rounded up to 15 minutes."""
    minutes = (
        s.duration_base_min
        + s.duration_per_grafted_side_min * sum(1 for x in sides if x.grafted)
        + s.duration_per_litre_aspirate_min * aspirate.expected_ml / 1000
    )
    return int(math.ceil(minutes / 15) * 15)
