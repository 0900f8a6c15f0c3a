"""The tunable parts of the analysis, in one frozen value passed down explicitly."""

from __future__ import annotations

from dataclasses import dataclass, field

from hipdip.vision import quality
from hipdip.vision.assessment import Grade
from hipdip.vision.checks.config import ChecksConfig
from hipdip.vision.checks.plausibility import PlausibilityLimits
from hipdip.vision.loading import LoadLimits
from hipdip.vision.measure import DipConfig
from hipdip.vision.uncertainty import UncertaintyConfig


@dataclass(frozen=True)
class AnalysisConfig:
    """All tunable parts of the analysis, passed down explicitly."""

    dip: DipConfig = field(default_factory=DipConfig)
    grade: Grade = field(default_factory=Grade)
    limits: LoadLimits = field(default_factory=LoadLimits)
    quality: quality.QualityConfig = field(default_factory=quality.QualityConfig)
    #: Half-width of the edge search around the model's mask edge, as a fraction of stature.
    search_fraction: float = 0.008
    #: Half-window, as a fraction of stature, of the moving average along the traced edge.
    #: Pixel noise is independent from row to row while a dip spans centimetres, so
    #: averaging over about 1 cm of height removes the noise (which only ever deepens the
    #: measured dip) without flattening the dip.
    edge_smoothing: float = 0.0025
    #: Look for other people with a second, whole-frame person segmenter.
    check_others: bool = True
    #: Thresholds of the protocol checks (people, turn, stance, arms, clothing).
    checks: ChecksConfig = field(default_factory=ChecksConfig)
    #: Limits beyond which a result is refused rather than returned.
    plausibility: PlausibilityLimits = field(default_factory=PlausibilityLimits)
    #: Terms and calibration of the 90 % depth interval.
    uncertainty: UncertaintyConfig = field(default_factory=UncertaintyConfig)
