"""A labelled simulation of the hip outline with the dip filled, by a smooth local warp.

Only the lateral hip region moves: each outline row is pushed outward by `fill` times its gap
to the envelope, the push fading smoothly into the body and, over a shorter distance, into the
background. The rest of the photo is untouched, pixel for pixel.
Coordinates are (x, y) = (column, row) pixels of the analysed image.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from hipdip.vision.assessment import Assessment

SIMULATION_LABEL = "SIMULATION - not a photograph"


@dataclass(frozen=True)
class WarpRegion:
    """Where a preview changed pixels: the bounding box (x0, y0, x1, y1) per side."""

    boxes: dict[str, tuple[int, int, int, int]]


def preview_fill(
    rgb: npt.NDArray[np.uint8],
    assessment: Assessment,
    *,
    fill: float,
    label: bool = True,
) -> tuple[npt.NDArray[np.uint8], WarpRegion]:
    """Warp the photo so each hip outline follows `fill` (0-1) of the way to its envelope.

    Parameters
    ----------
    rgb : (H, W, 3) uint8, the photo as analysed (the pixels the geometry refers to).
    assessment : a successful result of analysing that photo.
    fill : 0 leaves the outline as it is; 1 fills the dip to the envelope.
    label : draw the simulation banner.

    Returns
    -------
    The preview image and the regions it changed.
    """
    if not 0.0 <= fill <= 1.0:
        raise ValueError(f"fill must be between 0 and 1, got {fill}")
    geo = assessment.geometry
    if not assessment.ok or geo is None:
        raise ValueError("a preview needs a successful assessment of the same photo")
    if geo.image_size_hw != rgb.shape[:2]:
        raise ValueError("the image is not the one that was analysed (size differs)")
    out = rgb.copy()
    stature = geo.stature_rows[1] - geo.stature_rows[0]
    boxes = {}
    for side in ("left", "right"):
        box = _warp_side(
            out,
            rgb,
            geo.outline_xy[side],
            geo.envelope_xy[side],
            geo.image_side[side],
            fill,
            stature,
        )
        if box is not None:
            boxes[side] = box
    if label:
        draw_simulation_label(out, f"{SIMULATION_LABEL} - dip filled {round(fill * 100)} %")
    return out, WarpRegion(boxes=boxes)


def _warp_side(
    out: npt.NDArray[np.uint8],
    src: npt.NDArray[np.uint8],
    outline: tuple[tuple[float, float], ...],
    envelope: tuple[tuple[float, float], ...],
    sign: int,
    fill: float,
    stature: float,
) -> tuple[int, int, int, int] | None:
    if len(outline) < 3 or fill == 0:
        return None
    o = np.asarray(outline)
    e = np.asarray(envelope)
    rows = o[:, 1].astype(np.int64)
    push = fill * np.clip(sign * (e[:, 0] - o[:, 0]), 0, None)
    if push.max() < 0.05:
        return None
    push = np.convolve(np.pad(push, 3, mode="edge"), np.ones(7) / 7, "valid")
    reach_out = max(4.0 * push.max(), 0.015 * stature)
    reach_in = max(8.0 * push.max(), 0.04 * stature)
    live = np.nonzero(push > 0.01)[0]
    r0, r1 = int(rows[live[0]]), int(rows[live[-1]]) + 1
    sel = slice(live[0], live[-1] + 1)
    edge_x, push = o[sel, 0], push[sel]
    x0 = int(np.floor(min(edge_x.min() - reach_in, edge_x.min() - reach_out)))
    x1 = int(np.ceil(max(edge_x.max() + reach_out, edge_x.max() + reach_in))) + 1
    x0, x1 = max(x0, 0), min(x1, src.shape[1])
    xs = np.arange(x0, x1, dtype=np.float64)[None, :]
    # Invert the forward push p -> p + sign * D(p) by fixed-point iteration (|dD/dx| < 1).
    p = np.repeat(xs, r1 - r0, axis=0)
    for _ in range(6):
        p = xs - sign * _displacement(p, edge_x[:, None], push[:, None], sign, reach_in, reach_out)
    map_x = p.astype(np.float32)
    map_y = np.repeat(np.arange(r0, r1, dtype=np.float32)[:, None], x1 - x0, axis=1)
    warped = cv2.remap(src, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    out[r0:r1, x0:x1] = warped
    return (x0, r0, x1, r1)


def _displacement(
    x: npt.NDArray[np.float64],
    edge_x: npt.NDArray[np.float64],
    push: npt.NDArray[np.float64],
    sign: int,
    reach_in: float,
    reach_out: float,
) -> npt.NDArray[np.float64]:
    """Outward push at column x: `push` at the edge, a raised-cosine fade either side."""
    r = sign * (x - edge_x)  # > 0 outside the body
    reach = np.where(r > 0, reach_out, reach_in)
    t = np.clip(np.abs(r) / reach, 0.0, 1.0)
    fade: npt.NDArray[np.float64] = push * 0.5 * (1.0 + np.cos(np.pi * t))
    return fade


def draw_simulation_label(img: npt.NDArray[np.uint8], text: str) -> None:
    """A banner across the top that no one can mistake for part of the photo."""
    h, w = img.shape[:2]
    scale = max(0.5, w / 1600)
    band = int(56 * scale)
    overlay = img[:band].copy()
    overlay[:] = (30, 30, 30)
    cv2.addWeighted(overlay, 0.75, img[:band], 0.25, 0, dst=img[:band])
    cv2.putText(
        img,
        text,
        (int(16 * scale), int(38 * scale)),
        cv2.FONT_HERSHEY_SIMPLEX,
        0.9 * scale,
        (255, 214, 90),
        max(1, int(2 * scale)),
        cv2.LINE_AA,
    )
    cv2.rectangle(img, (0, 0), (w - 1, h - 1), (255, 214, 90), max(2, int(4 * scale)))
