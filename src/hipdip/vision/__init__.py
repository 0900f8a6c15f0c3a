"""Pure imaging: from a standardised photo and a stated height to a hip-dip Assessment.

No Django, no settings, no database: values in, frozen dataclasses out. `analyze` is the
one entry point; coordinates follow `conventions` (points ``(x, y)`` = ``(col, row)``).
"""

from hipdip.vision.assessment import Assessment, Geometry, SideResult
from hipdip.vision.config import AnalysisConfig
from hipdip.vision.conventions import (
    MAX_HEIGHT_CM,
    MIN_HEIGHT_CM,
    SIDES,
    DipGrade,
    Presence,
    Side,
    View,
)
from hipdip.vision.errors import AnalysisError, Reason
from hipdip.vision.pipeline import analyze

__all__ = [
    "MAX_HEIGHT_CM",
    "MIN_HEIGHT_CM",
    "SIDES",
    "AnalysisConfig",
    "AnalysisError",
    "Assessment",
    "DipGrade",
    "Geometry",
    "Presence",
    "Reason",
    "Side",
    "SideResult",
    "View",
    "analyze",
]
