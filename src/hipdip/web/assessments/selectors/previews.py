"""Reads: the labelled result preview (a simulation) of a measured photo."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from hipdip.vision.framing import Region, crop, region_box
from hipdip.web.assessments.selectors.measured import AnalysedPhoto


def region_size(analysed: AnalysedPhoto, region: Region) -> tuple[int, int]:
    """(height, width) of a picture of `region`."""
    x0, y0, x1, y1 = region_box(analysed.geometry, region)
    return (y1 - y0, x1 - x0)


def preview_picture(
    analysed: AnalysedPhoto, *, fill: float, region: Region = Region.FULL
) -> npt.NDArray[np.uint8]:
    """The labelled simulation at `fill` (0-1), of the whole photo or the hips close up.

    The banner is drawn on the picture actually returned, so a close-up carries it too.
    """
    from hipdip.vision.preview import SIMULATION_LABEL, draw_simulation_label, preview_fill

    if region == Region.FULL:
        return preview_fill(analysed.rgb, analysed.assessment, fill=fill)[0]
    out, _ = preview_fill(analysed.rgb, analysed.assessment, fill=fill, label=False)
    close = crop(out, region_box(analysed.geometry, region))
    draw_simulation_label(close, f"{SIMULATION_LABEL} - dip filled {round(fill * 100)} %")
    return close


def simulated_depths(analysed: AnalysedPhoto, fill: float) -> dict[str, dict[str, float]]:
    """Measured depth and the depth the simulation shows, (1 - fill) x depth, per side."""
    sides = analysed.assessment.sides or {}
    return {
        s: {"measured_mm": r.depth_mm, "simulated_mm": round((1.0 - fill) * r.depth_mm, 1)}
        for s, r in sides.items()
    }
