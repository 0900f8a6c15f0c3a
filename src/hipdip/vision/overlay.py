"""Annotated picture of an assessment: outline, envelope, deepest points, landmarks, levels.

Drawn at the analysed image's resolution, with a magnified inset of each hip so the gap
between the outline and its envelope can be seen at a glance.
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFont

from hipdip.vision.assessment import Assessment, SideResult
from hipdip.vision.conventions import Presence
from hipdip.vision.drawing import halo_text
from hipdip.vision.encoding import encode_png

# Colours (RGB) chosen to read on light and dark backgrounds and on any skin tone; each
# line is drawn over a dark halo.
OUTLINE = (0, 200, 255)
ENVELOPE = (255, 210, 0)
GAP_FILL = (255, 64, 160)
LANDMARK = (120, 255, 120)
LEVEL = (235, 235, 235)
HALO = (20, 20, 20)


def render_overlay(rgb: npt.NDArray[np.uint8], assessment: Assessment) -> npt.NDArray[np.uint8]:
    """Return an RGB picture of the photo annotated with the assessment's geometry.

    Parameters
    ----------
    rgb : (H, W, 3) uint8, the photo as analysed (same pixels the geometry refers to).
    assessment : a result of :func:`hipdip.vision.analyze` for that photo.
    """
    scale = max(rgb.shape[:2]) / 1800.0
    thick = max(1, round(2 * scale))
    geo = assessment.geometry
    if not (assessment.ok and geo is not None and assessment.sides is not None):
        canvas = rgb.copy()
        return _with_panel(canvas, canvas, assessment, scale)
    # The magnified hip views are cut from the drawing before any text goes on it.
    unlabelled = draw_measurement(rgb, assessment)
    canvas = unlabelled.copy()
    _name_levels(canvas, geo.level_rows, thick)
    for side in ("left", "right"):
        pt = geo.deepest_xy[side]
        if pt is not None:
            _label_depth(canvas, pt, assessment.sides[side], side, assessment, scale)
    return _with_panel(canvas, unlabelled, assessment, scale)


def draw_measurement(rgb: npt.NDArray[np.uint8], assessment: Assessment) -> npt.NDArray[np.uint8]:
    """The photo with the levels, outline, envelope, dip, joints and deepest points drawn,
    and no text (so parts of it can be magnified).

    Parameters
    ----------
    rgb : (rows, cols, 3) uint8, the photo as analysed.
    assessment : a successful assessment with its geometry; otherwise the photo is returned
        unchanged (a copy).
    """
    canvas = rgb.copy()
    geo = assessment.geometry
    if not (assessment.ok and geo is not None):
        return canvas
    scale = max(canvas.shape[:2]) / 1800.0
    thick = max(1, round(2 * scale))
    _draw_levels(canvas, geo.level_rows, thick)
    for side in ("left", "right"):
        _draw_gap(canvas, geo.outline_xy[side], geo.envelope_xy[side])
        _poly(canvas, geo.envelope_xy[side], ENVELOPE, thick)
        _poly(canvas, geo.outline_xy[side], OUTLINE, thick)
    for xy in geo.joints_xy.values():
        _dot(canvas, xy, LANDMARK, max(3, round(6 * scale)))
    for side in ("left", "right"):
        pt = geo.deepest_xy[side]
        if pt is not None:
            _ring(canvas, pt, GAP_FILL, max(6, round(12 * scale)), thick)
    return canvas


def _ring(
    img: npt.NDArray[np.uint8],
    xy: tuple[float, float],
    colour: tuple[int, int, int],
    r: int,
    thick: int,
) -> None:
    c = (int(round(xy[0])), int(round(xy[1])))
    cv2.circle(img, c, r, HALO, thick + 2, cv2.LINE_AA)
    cv2.circle(img, c, r, colour, thick, cv2.LINE_AA)


def _label_depth(
    img: npt.NDArray[np.uint8],
    xy: tuple[float, float],
    result: SideResult,
    side: str,
    a: Assessment,
    scale: float,
) -> None:
    """Write the depth and its 90 % interval beside the deepest point, outside the body."""
    outward = -1 if (side == "right") == (a.view == "front") else 1
    text = f"{result.depth_mm:.1f} mm" + interval_text(result)
    size = 0.7 * scale * 1.4
    (tw, th), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, size, 2)
    x = int(xy[0] + outward * 24 * scale) - (tw if outward < 0 else 0)
    y = int(xy[1] + th / 2)
    halo_text(img, text, (x, y), size=size, colour=(255, 255, 255), halo=HALO)


def interval_text(result: SideResult) -> str:
    """`` (5.1-9.8)``: the 90 % interval, or nothing for results stored without one."""
    iv = result.depth_interval_mm
    return "" if iv is None else f" ({iv[0]:.1f}-{iv[1]:.1f})"


def overlay_png(rgb: npt.NDArray[np.uint8], assessment: Assessment) -> bytes:
    """The overlay of :func:`render_overlay` encoded as PNG bytes.

    Parameters
    ----------
    rgb : (rows, cols, 3) uint8, the photo as analysed.
    assessment : its assessment (a failed one gives the photo with the reason panel).
    """
    # Fast zlib level: the picture is mostly photo, which compresses poorly anyway.
    return encode_png(render_overlay(rgb, assessment), compress_level=1)


def _pts(points: tuple[tuple[float, float], ...]) -> npt.NDArray[np.int32]:
    fixed: npt.NDArray[np.int32] = np.round(np.asarray(points, dtype=np.float64) * 4).astype(
        np.int32
    )
    return fixed.reshape(-1, 1, 2)


def _poly(
    img: npt.NDArray[np.uint8],
    pts: tuple[tuple[float, float], ...],
    colour: tuple[int, int, int],
    thick: int,
) -> None:
    if len(pts) < 2:
        return
    p = _pts(pts)
    cv2.polylines(img, [p], False, HALO, thick + 2, cv2.LINE_AA, shift=2)
    cv2.polylines(img, [p], False, colour, thick, cv2.LINE_AA, shift=2)


def _draw_gap(
    img: npt.NDArray[np.uint8],
    outline: tuple[tuple[float, float], ...],
    envelope: tuple[tuple[float, float], ...],
) -> None:
    if len(outline) < 2:
        return
    poly = np.vstack([_pts(outline), _pts(envelope)[::-1]])
    layer = img.copy()
    cv2.fillPoly(layer, [poly], GAP_FILL, cv2.LINE_AA, shift=2)
    cv2.addWeighted(layer, 0.55, img, 0.45, 0, dst=img)


def _dot(
    img: npt.NDArray[np.uint8], xy: tuple[float, float], colour: tuple[int, int, int], r: int
) -> None:
    c = (int(round(xy[0])), int(round(xy[1])))
    cv2.circle(img, c, r + 2, HALO, -1, cv2.LINE_AA)
    cv2.circle(img, c, r, colour, -1, cv2.LINE_AA)


def _draw_levels(img: npt.NDArray[np.uint8], levels: dict[str, float], thick: int) -> None:
    w = img.shape[1]
    for y in levels.values():
        yi = int(round(y))
        for x0 in range(0, w, 24):
            cv2.line(img, (x0, yi), (min(x0 + 12, w - 1), yi), LEVEL, max(1, thick - 1))


def _name_levels(img: npt.NDArray[np.uint8], levels: dict[str, float], thick: int) -> None:
    names = {"waist": "waist", "crest": "iliac crest", "hip": "hip joints", "midthigh": "mid-thigh"}
    for key, y in levels.items():
        org = (6, round(y) - 6)
        halo_text(img, names.get(key, key), org, size=0.45 * thick, colour=LEVEL, thick=thick)


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _with_panel(
    canvas: npt.NDArray[np.uint8], unlabelled: npt.NDArray[np.uint8], a: Assessment, scale: float
) -> npt.NDArray[np.uint8]:
    """Add a side panel with the figures and a magnified inset of each hip."""
    h, w = canvas.shape[:2]
    panel_w = max(360, int(w * 0.45))
    out = Image.new("RGB", (w + panel_w, h), (24, 26, 30))
    out.paste(Image.fromarray(canvas), (0, 0))
    draw = ImageDraw.Draw(out)
    big, small = font(max(18, int(30 * scale))), font(max(14, int(20 * scale)))
    x, y = w + int(20 * scale), int(20 * scale)
    view = (a.view or "?").capitalize()
    draw.text((x, y), f"{view} view · {a.height_cm or '?'} cm", font=big, fill=(255, 255, 255))
    y += int(44 * scale)
    if not a.ok:
        msg = a.error_message or "Not measured"
        for line in wrap_words(msg, 34):
            draw.text((x, y), line, font=small, fill=(255, 140, 140))
            y += int(28 * scale)
        return np.asarray(out)
    assert a.sides is not None and a.geometry is not None
    for side in ("left", "right"):
        s = a.sides[side]
        draw.text(
            (x, y),
            f"Subject's {side}: {s.depth_mm:.1f} mm{interval_text(s)} ({s.grade})",
            font=small,
            fill=(255, 255, 255),
        )
        y += int(30 * scale)
        if s.presence is Presence.UNCERTAIN:
            draw.text((x, y), "  dip or not: uncertain", font=small, fill=(255, 200, 120))
            y += int(30 * scale)
    for wmsg in a.warnings:
        for line in wrap_words("! " + wmsg.message, 38):
            draw.text((x, y), line, font=small, fill=(255, 200, 120))
            y += int(26 * scale)
    y += int(10 * scale)
    inset_w = (panel_w - int(60 * scale)) // 2
    for i, side in enumerate(image_order(a)):
        inset = hip_inset(unlabelled, a, side, inset_w)
        if inset is None:
            continue
        ix = x + i * (inset_w + int(20 * scale))
        out.paste(Image.fromarray(inset), (ix, y))
        draw.text((ix, y + inset.shape[0] + 4), f"{side} hip", font=small, fill=(200, 200, 200))
    legend_y = h - int(120 * scale)
    for colour, label in (
        (OUTLINE, "body outline"),
        (ENVELOPE, "envelope"),
        (GAP_FILL, "dip (gap)"),
        (LANDMARK, "hip and knee points"),
    ):
        draw.rectangle([x, legend_y, x + int(22 * scale), legend_y + int(14 * scale)], fill=colour)
        draw.text(
            (x + int(32 * scale), legend_y - int(4 * scale)),
            label,
            font=small,
            fill=(220, 220, 220),
        )
        legend_y += int(26 * scale)
    return np.asarray(out)


def image_order(a: Assessment) -> tuple[str, str]:
    """Sides in the order they appear from the image's left to right."""
    return ("right", "left") if a.view == "front" else ("left", "right")


def hip_inset(
    canvas: npt.NDArray[np.uint8], a: Assessment, side: str, width: int
) -> npt.NDArray[np.uint8] | None:
    """The hip of one anatomical side cut from `canvas` and scaled to `width` pixels, or
    None when that side has no outline."""
    geo = a.geometry
    if geo is None or not geo.outline_xy[side]:
        return None
    pts = np.asarray(geo.outline_xy[side])
    y0, y1 = int(pts[:, 1].min()), int(pts[:, 1].max())
    xc = float(np.median(pts[:, 0]))
    half = max(20, (y1 - y0) // 4)
    x0, x1 = int(xc - half), int(xc + half)
    crop = canvas[max(y0, 0) : y1, max(x0, 0) : x1]
    if crop.size == 0:
        return None
    f = width / crop.shape[1]
    size = (width, max(1, int(crop.shape[0] * f)))
    return np.asarray(cv2.resize(crop, size, interpolation=cv2.INTER_CUBIC), np.uint8)


def wrap_words(text: str, n: int) -> list[str]:
    words, lines, cur = text.split(), [], ""
    for word in words:
        if len(cur) + len(word) + 1 > n and cur:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    if cur:
        lines.append(cur)
    return lines
