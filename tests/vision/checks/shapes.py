"""Silhouettes and pose landmarks drawn in code for the protocol checks.

A standing body 1500 px tall facing the camera: head, torso, two legs apart below the
crotch, arms held away (A-pose). Options add what each check must catch: a flared skirt,
a tunic hem, hands on the hips, arms along the body, a second person.
Points are (x, y) = (col, row) pixels.
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from hipdip.vision import detection as lmk

H, W, CX = 1800, 1400, 700
HIP_Y, KNEE_Y, ANKLE_Y = 900, 1250, 1620
HIP_DX, KNEE_DX, ANKLE_DX = 85, 95, 100


def _poly(mask: npt.NDArray[np.uint8], pts: list[tuple[float, float]]) -> None:
    cv2.fillPoly(mask, [np.round(np.array(pts)).astype(np.int32)], 1)


def _limb(
    mask: npt.NDArray[np.uint8], a: tuple[float, float], b: tuple[float, float], r: int
) -> None:
    cv2.line(mask, (int(a[0]), int(a[1])), (int(b[0]), int(b[1])), 1, thickness=2 * r)


def landmarks(
    *, wrist: tuple[float, float] = (330, 900), elbow: tuple[float, float] = (255, 660)
) -> npt.NDArray[np.float64]:
    """(33, 4) image landmarks; `wrist`/`elbow` are (outward offset from the midline, row)."""
    lm = np.zeros((33, 4))
    lm[:, 3] = 1.0
    pts: dict[int, tuple[float, float]] = {lmk.NOSE: (CX, 260)}
    for sign, sh, el, wr, hip, knee, ankle, heel, fingers in (
        (1, 11, 13, 15, 23, 25, 27, 29, (17, 19, 21)),
        (-1, 12, 14, 16, 24, 26, 28, 30, (18, 20, 22)),
    ):
        pts[sh] = (CX + sign * 160, 420)
        pts[el] = (CX + sign * elbow[0], elbow[1])
        pts[wr] = (CX + sign * wrist[0], wrist[1])
        for f in fingers:  # the model's finger points sit at the knuckles, a little further on
            pts[f] = (CX + sign * (wrist[0] + 0.1 * (wrist[0] - elbow[0])), wrist[1] + 40)
        pts[hip] = (CX + sign * HIP_DX, HIP_Y)
        pts[knee] = (CX + sign * KNEE_DX, KNEE_Y)
        pts[ankle] = (CX + sign * ANKLE_DX, ANKLE_Y)
        pts[heel] = (CX + sign * ANKLE_DX, ANKLE_Y + 40)
    for i, (x, y) in pts.items():
        lm[i, :2] = (x, y)
    return lm


def body_mask(
    *,
    skirt: bool = False,
    hem: bool = False,
    arms: str = "away",
    shift: int = 0,
) -> npt.NDArray[np.bool_]:
    """The silhouette; `arms` is "away", "on_hips" or "along"."""
    m = np.zeros((H, W), np.uint8)
    cx = CX + shift
    cv2.circle(m, (cx, 250), 70, 1, -1)
    _poly(m, [(cx - 40, 310), (cx + 40, 310), (cx + 40, 360), (cx - 40, 360)])
    # torso: shoulders, waist (row 760), crest (795), trochanter (920), crotch (960)
    right = [(cx + 170, 400), (cx + 125, 760), (cx + 150, 800), (cx + 175, 920), (cx + 160, 960)]
    left = [(2 * cx - x, y) for x, y in reversed(right)]
    _poly(m, [*right, (cx, 960), *left])
    for sign in (1, -1):
        _poly(
            m,
            [
                (cx + sign * 5, 955),
                (cx + sign * 175, 920),
                (cx + sign * (KNEE_DX + 60), KNEE_Y),
                (cx + sign * (ANKLE_DX + 35), ANKLE_Y + 40),
                (cx + sign * (ANKLE_DX - 35), ANKLE_Y + 40),
                (cx + sign * (KNEE_DX - 55), KNEE_Y),
                (cx + sign * 12, 970),
            ],
        )
        shoulder = (cx + sign * 160, 420)
        if arms == "away":
            _limb(m, shoulder, (cx + sign * 255, 660), 22)
            _limb(m, (cx + sign * 255, 660), (cx + sign * 330, 900), 18)
        elif arms == "on_hips":
            _limb(m, shoulder, (cx + sign * 290, 640), 22)
            _limb(m, (cx + sign * 290, 640), (cx + sign * 160, 800), 18)
        else:  # along the body, touching the waist and the hips
            _limb(m, shoulder, (cx + sign * 150, 660), 22)
            _limb(m, (cx + sign * 150, 660), (cx + sign * 190, 930), 18)
    if skirt:  # flared from the waist to the knee, wider than the hips
        _poly(m, [(cx - 130, 770), (cx + 130, 770), (cx + 260, 1230), (cx - 260, 1230)])
    if hem:  # a tunic hanging straight from the chest to below the hips
        _poly(m, [(cx - 175, 560), (cx + 175, 560), (cx + 200, 1010), (cx - 200, 1010)])
    return m.astype(bool)


def arm_landmarks(arms: str) -> npt.NDArray[np.float64]:
    """Landmarks matching `body_mask(arms=...)`."""
    if arms == "on_hips":
        return landmarks(wrist=(160, 800), elbow=(290, 640))
    if arms == "along":
        return landmarks(wrist=(190, 930), elbow=(150, 660))
    return landmarks()


def world(
    *, turn_deg: float = 0.0, pitch_deg: float = 0.0, knee_flex_deg: float = 0.0
) -> npt.NDArray[np.float64]:
    """(33, 4) world landmarks in metres for a body turned about the vertical axis and seen
    by a camera pitched down by `pitch_deg` (x right, y down, z away from the camera)."""
    w = np.zeros((33, 4))
    w[:, 3] = 1.0
    f = np.radians(knee_flex_deg)
    pts = {lmk.NOSE: (0.0, -0.62, -0.10)}
    for sign, sh, hip, knee, ankle in ((1, 11, 23, 25, 27), (-1, 12, 24, 26, 28)):
        pts[sh] = (sign * 0.18, -0.50, 0.0)
        pts[hip] = (sign * 0.09, 0.0, 0.0)
        pts[knee] = (sign * 0.10, 0.42, 0.0)
        # the shin swings backwards (away from the camera) when the knee bends
        pts[ankle] = (sign * 0.10, 0.42 + 0.40 * np.cos(f), 0.40 * np.sin(f))
    t, p = np.radians(turn_deg), np.radians(pitch_deg)
    yaw = np.array([[np.cos(t), 0, np.sin(t)], [0, 1, 0], [-np.sin(t), 0, np.cos(t)]])
    pitch = np.array([[1, 0, 0], [0, np.cos(p), -np.sin(p)], [0, np.sin(p), np.cos(p)]])
    for i, v in pts.items():
        w[i, :3] = pitch @ yaw @ np.asarray(v)
    return w


def project(world_lm: npt.NDArray[np.float64], px_per_m: float = 880.0) -> npt.NDArray[np.float64]:
    """Image landmarks of a world pose seen orthographically, hips at (CX, HIP_Y)."""
    lm = np.zeros((33, 4))
    lm[:, 3] = 1.0
    lm[:, 0] = CX + px_per_m * world_lm[:, 0]
    lm[:, 1] = HIP_Y + px_per_m * world_lm[:, 1]
    return lm
