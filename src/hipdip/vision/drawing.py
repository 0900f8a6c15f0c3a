"""Small drawing helpers shared by the overlay, markings, preview and comparison pictures."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

Colour = tuple[int, int, int]
WHITE: Colour = (255, 255, 255)
DARK: Colour = (20, 20, 20)


def halo_text(
    img: npt.NDArray[np.uint8],
    text: str,
    org: tuple[int, int],
    *,
    size: float,
    colour: Colour,
    halo: Colour = DARK,
    thick: int = 2,
) -> None:
    """Text drawn over a wider stroke of `halo`, legible on any background."""
    for c, t in ((halo, thick + 3), (colour, thick)):
        cv2.putText(img, text, org, cv2.FONT_HERSHEY_SIMPLEX, size, c, t, cv2.LINE_AA)
