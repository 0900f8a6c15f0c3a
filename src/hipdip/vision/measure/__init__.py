"""The hip-dip measurement on a traced outline, as defined in DEFINITION.md (hipdip-synth-v1):
the reference levels (:mod:`.levels`), the outline's upper envelope (:mod:`.envelope`) and
the dip measured against it (:mod:`.dip`).

Coordinates are (row, column) pixels: `y` is the image row (down), `u` the outward lateral
coordinate of the outline on one side (larger = further from the body midline).
"""

from hipdip.vision.measure.dip import (
    DipMeasurement,
    dip_depth_px,
    find_waist,
    measure_dip,
    measure_mask,
)
from hipdip.vision.measure.envelope import upper_envelope, upper_envelope_fast
from hipdip.vision.measure.levels import (
    DipConfig,
    FloatArray,
    IntArray,
    Levels,
    levels_from_joints,
)

__all__ = [
    "DipConfig",
    "DipMeasurement",
    "FloatArray",
    "IntArray",
    "Levels",
    "dip_depth_px",
    "find_waist",
    "levels_from_joints",
    "measure_dip",
    "measure_mask",
    "upper_envelope",
    "upper_envelope_fast",
]
