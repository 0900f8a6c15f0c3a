"""Limits a measured hip dip cannot exceed on a body; a result beyond them is refused."""

from __future__ import annotations

from dataclasses import dataclass

from hipdip.vision.errors import AnalysisError, Reason


@dataclass(frozen=True)
class PlausibilityLimits:
    """Physiological limits on the result.

    Source: product assumption (no published range of 2-D hip-dip depth exists;
    shared/CLINICAL.md has none). The dip is the soft-tissue step between the iliac crest
    and the greater trochanter, where fat is thinnest; the rendered bodies of
    hipdip-synth-v1 and -protocol-v1, which span the Anny model's phenotype range, reach
    21.5 mm and 16.7 mm of left/right difference. The limits below leave a margin of about
    60 % above that; the wrong numbers reported from real photos (44-142 mm, a 50 mm coat
    flap, a 60 mm jump from an inner edge) lie far beyond them.
    """

    max_depth_mm: float = 35.0
    max_asymmetry_mm: float = 25.0
    #: The depth re-measured with the profile tilted by 2 degrees either way may differ from
    #: the reported one by at most this much plus `max_spread_fraction` of it. A real dip's
    #: envelope anchors shift a little under a tilt; an outline that jumped onto another
    #: edge changes by tens of millimetres (6.9 to 66.8 mm under 5 degrees in a report).
    max_spread_mm: float = 10.0
    max_spread_fraction: float = 1.0


def check_plausible(
    depths_mm: dict[str, float], spreads_mm: dict[str, float], limits: PlausibilityLimits
) -> None:
    """Refuse depths or left/right differences beyond the limits, and unstable outlines."""
    for side, d in depths_mm.items():
        if d > limits.max_depth_mm:
            raise AnalysisError(Reason.IMPLAUSIBLE_RESULT, f"{side} side {d:.0f} mm deep")
    if abs(depths_mm["left"] - depths_mm["right"]) > limits.max_asymmetry_mm:
        raise AnalysisError(Reason.IMPLAUSIBLE_RESULT, "left and right differ too much")
    for side, s in spreads_mm.items():
        if s > limits.max_spread_mm + limits.max_spread_fraction * depths_mm[side]:
            raise AnalysisError(Reason.UNSTABLE_OUTLINE, f"{side} side")
