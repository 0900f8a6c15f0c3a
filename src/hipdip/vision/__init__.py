"""Pure imaging: from a standardised photo and a stated height to a hip-dip Assessment.

No Django, no settings, no database: values in, frozen dataclasses out.
"""

from hipdip.vision.assessment import Assessment, SideResult
from hipdip.vision.errors import AnalysisError, Reason
from hipdip.vision.pipeline import AnalysisConfig, analyze

__all__ = ["AnalysisConfig", "AnalysisError", "Assessment", "Reason", "SideResult", "analyze"]
