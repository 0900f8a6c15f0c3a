"""Volume model: from silhouette measurements to deficit, injection and harvest volumes.

Model
-----
The indentation on one side is treated as half an ellipsoid (a lens-shaped gap
between the skin and the convex envelope of the outline) with semi-axes

* ``extent / 2`` along the body's vertical axis (the measured ``extent_mm``),
* ``depth`` inward (the measured ``depth_mm``, perpendicular to the body axis),
* ``ap_span / 2`` front-to-back, where ``ap_span = k * extent``.

so ``V = (2/3) * pi * (extent/2) * (ap_span/2) * depth = (pi/6) * extent * ap_span * depth``.

Assumptions, stated so a clinic can judge them:

1. A front or back photo sees only the vertical and inward dimensions; the front-to-back
   span is not measured. It is assumed proportional to the extent with the factor
   ``k = ClinicSettings.deficit_ap_span_factor`` (default 1.0: as deep front-to-back as
   it is tall). This is the weakest assumption.
2. Front and back views of one side are averaged (depth and extent separately) before
   the volume is computed, since both see the same indentation.
3. Only the indentation up to the convex envelope is filled. Published hip series
   inject about 250 mL a side because they also reshape the hip; such extra shaping
   is the surgeon's choice and is not part of this estimate. On the synthetic dataset
   (hipdip-synth-v1) the 3-D volume removed to create a dip was a median ~2.4 times this
   estimate (wide spread), so treat it as a floor, not a prescription.

Then ``injected = deficit / retention`` (retention low/expected/high from settings; the
low retention gives the high injection) and ``aspirate = injected / processing_yield``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from hipdip.care.settings import ClinicSettings
from hipdip.care.sides import SideMeasurement, combine_side
from hipdip.vision.conventions import Side, View

__all__ = [
    "Side",
    "SideEstimate",
    "SideMeasurement",
    "View",
    "VolumeRange",
    "deficit_volume_ml",
    "estimate_sides",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class VolumeRange:
    """A volume in millilitres with its low and high bounds."""

    low_ml: float
    expected_ml: float
    high_ml: float

    def __add__(self, other: VolumeRange) -> VolumeRange:
        return VolumeRange(
            low_ml=self.low_ml + other.low_ml,
            expected_ml=self.expected_ml + other.expected_ml,
            high_ml=self.high_ml + other.high_ml,
        )


ZERO = VolumeRange(low_ml=0.0, expected_ml=0.0, high_ml=0.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class SideEstimate:
    """Volumes for one side; ``grafted`` is False when no dip is present there."""

    side: Side
    views: tuple[View, ...]
    depth_mm: float
    extent_mm: float
    deficit_ml: float
    injected: VolumeRange
    aspirate: VolumeRange

    @property
    def grafted(self) -> bool:
        return self.deficit_ml > 0


def deficit_volume_ml(*, depth_mm: float, extent_mm: float, ap_span_factor: float) -> float:
    """Half-ellipsoid deficit ``(pi/6) * extent * (k * extent) * depth``, in mL.

    Example: depth 8 mm, extent 90 mm, k = 1 gives 33,929 mm³ = 33.9 mL.
    """
    return math.pi / 6 * extent_mm * (ap_span_factor * extent_mm) * depth_mm / 1000.0


def estimate_sides(
    measurements: Sequence[SideMeasurement], *, settings: ClinicSettings
) -> tuple[SideEstimate, ...]:
    """Estimate each measured side (left first); raise ``ValueError`` on duplicate views."""
    seen = {(m.side, m.view) for m in measurements}
    if len(seen) != len(measurements):
        raise ValueError("each side may have at most one front and one back measurement")
    if not measurements:
        raise ValueError("at least one side measurement is needed to plan volumes")
    return tuple(
        _estimate_one(side, [m for m in measurements if m.side is side], settings)
        for side in Side
        if any(m.side is side for m in measurements)
    )


def _estimate_one(side: Side, views: Sequence[SideMeasurement], s: ClinicSettings) -> SideEstimate:
    figure = combine_side(side, views)
    depth, extent = figure.depth_mm, figure.extent_mm
    deficit = 0.0
    if depth >= s.dip_present_mm:
        deficit = deficit_volume_ml(
            depth_mm=depth, extent_mm=extent, ap_span_factor=s.deficit_ap_span_factor
        )
    injected = VolumeRange(
        low_ml=deficit / s.graft_retention_high,
        expected_ml=deficit / s.graft_retention_expected,
        high_ml=deficit / s.graft_retention_low,
    )
    aspirate = VolumeRange(
        low_ml=injected.low_ml / s.processing_yield,
        expected_ml=injected.expected_ml / s.processing_yield,
        high_ml=injected.high_ml / s.processing_yield,
    )
    return SideEstimate(
        side=side,
        views=tuple(sorted(m.view for m in views)),
        depth_mm=depth,
        extent_mm=extent,
        deficit_ml=deficit,
        injected=injected,
        aspirate=aspirate,
    )
