"""The annotated picture laid out for a phone screen: both hips magnified side by side with
the figures in large type, instead of the whole photo with small labels.

A phone shows a picture about 360 CSS pixels wide; the desktop overlay (photo plus side
panel) shrinks there to a fifth of its size and its labels become unreadable. This layout
has a fixed width, so its type keeps the same size on screen whatever the photo's size.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFont

from hipdip.vision.assessment import Assessment
from hipdip.vision.conventions import Presence
from hipdip.vision.overlay import (
    ENVELOPE,
    GAP_FILL,
    LANDMARK,
    OUTLINE,
    draw_measurement,
    font,
    hip_inset,
    image_order,
    wrap_words,
)

#: Width in pixels: two device pixels per CSS pixel on a 360-pixel-wide phone.
PHONE_WIDTH_PX = 720
_BG = (24, 26, 30)
_WHITE = (255, 255, 255)
_SOFT = (200, 204, 212)
_AMBER = (255, 200, 120)
_RED = (255, 140, 140)
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def render_phone_overlay(
    rgb: npt.NDArray[np.uint8], assessment: Assessment, *, width_px: int = PHONE_WIDTH_PX
) -> npt.NDArray[np.uint8]:
    """Return an RGB picture (rows, `width_px`, 3) of both hips magnified, each with its
    depth, 90 % range and grade, and a colour legend.

    Parameters
    ----------
    rgb : (rows, cols, 3) uint8, the photo as analysed (the pixels the geometry refers to).
    assessment : its assessment; a failed one gives the reason in large type above a small
        copy of the photo.
    width_px : width of the picture; type is sized from it, not from the photo.
    """
    if width_px < 320:
        raise ValueError(f"width_px must be at least 320, got {width_px}")
    u = width_px / PHONE_WIDTH_PX
    big, mid, small = font(round(44 * u)), font(round(30 * u)), font(round(25 * u))
    pad = round(24 * u)
    view = (assessment.view or "?").capitalize()
    header = f"{view} view · {assessment.height_cm or '?'} cm"
    if not (assessment.ok and assessment.sides is not None and assessment.geometry is not None):
        return _refusal(rgb, assessment, header, width_px, pad, (mid, small))
    drawn = draw_measurement(rgb, assessment)
    col_w = (width_px - 3 * pad) // 2
    insets = [(side, hip_inset(drawn, assessment, side, col_w)) for side in image_order(assessment)]
    inset_h = max((i.shape[0] for _, i in insets if i is not None), default=0)
    text_h = round(190 * u)
    legend_h = round(110 * u)
    height = pad + round(50 * u) + inset_h + text_h + legend_h + pad
    out = Image.new("RGB", (width_px, height), _BG)
    draw = ImageDraw.Draw(out)
    draw.text((pad, pad), header, font=mid, fill=_WHITE)
    top = pad + round(50 * u)
    for i, (side, inset) in enumerate(insets):
        x = pad + i * (col_w + pad)
        if inset is not None:
            out.paste(Image.fromarray(inset), (x, top))
        result = assessment.sides[side]
        y = top + inset_h + round(12 * u)
        draw.text((x, y), f"{side.capitalize()} hip", font=small, fill=_SOFT)
        y += round(34 * u)
        draw.text((x, y), f"{result.depth_mm:.1f} mm", font=big, fill=_WHITE)
        y += round(56 * u)
        if result.depth_interval_mm is not None:
            lo, hi = result.depth_interval_mm
            draw.text((x, y), f"range {lo:.1f} to {hi:.1f} mm", font=small, fill=_SOFT)
            y += round(32 * u)
        grade = "dip uncertain" if result.presence is Presence.UNCERTAIN else str(result.grade)
        colour = _AMBER if result.presence is Presence.UNCERTAIN else _SOFT
        draw.text((x, y), grade, font=small, fill=colour)
    _legend(draw, pad, top + inset_h + text_h, col_w, pad, small, u)
    return np.asarray(out)


def _legend(
    draw: ImageDraw.ImageDraw, x0: int, y0: int, col_w: int, pad: int, f: Font, u: float
) -> None:
    items = ((OUTLINE, "outline"), (ENVELOPE, "envelope"), (GAP_FILL, "dip"), (LANDMARK, "joints"))
    for i, (colour, label) in enumerate(items):
        x = x0 + (i % 2) * (col_w + pad)
        y = y0 + (i // 2) * round(44 * u)
        draw.rectangle([x, y + round(6 * u), x + round(30 * u), y + round(24 * u)], fill=colour)
        draw.text((x + round(42 * u), y), label, font=f, fill=_SOFT)


def _refusal(
    rgb: npt.NDArray[np.uint8],
    a: Assessment,
    header: str,
    width_px: int,
    pad: int,
    fonts: tuple[Font, Font],
) -> npt.NDArray[np.uint8]:
    mid, small = fonts
    lines = wrap_words(a.error_message or "Not measured.", 34)
    thumb_w = width_px // 2
    thumb_h = max(1, round(rgb.shape[0] * thumb_w / rgb.shape[1]))
    thumb = Image.fromarray(rgb).resize((thumb_w, thumb_h))
    line_h = round(36 * width_px / PHONE_WIDTH_PX)
    text_h = 2 * pad + line_h * (len(lines) + 1)
    out = Image.new("RGB", (width_px, text_h + thumb_h + pad), _BG)
    draw = ImageDraw.Draw(out)
    draw.text((pad, pad), header, font=mid, fill=_WHITE)
    for i, line in enumerate(lines):
        draw.text((pad, pad + line_h * (i + 1)), line, font=small, fill=_RED)
    out.paste(thumb, ((width_px - thumb_w) // 2, text_h))
    return np.asarray(out)
