"""Geometry of the stick-figure diagrams of the exercises (drawn as inline SVG).

Each exercise has two poses (where it starts, and the key position) described by joint
angles; :func:`panel` turns a pose into plain geometry the template draws. Angles are
in degrees: the torso's from straight up, a limb's from straight down, positive towards
+x (the direction the person faces in a side view). Joint positions follow from fixed
segment lengths, and the figure is set on the floor (or lifted, for jumps).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

#: Segment lengths in drawing units (the panel is 180 x 150).
LEN = {"torso": 36.0, "neck": 14.0, "upper": 21.0, "fore": 19.0, "thigh": 29.0, "shin": 27.0}
FOOT = 8.0
HEAD_R = 7.5
STEP_H = 26.0
PANEL_W, PANEL_H, FLOOR_Y = 180.0, 150.0, 132.0

Limb = tuple[float, float]  # (upper angle, lower angle)


@dataclass(frozen=True)
class Pose:
    torso: float = 0.0
    near_arm: Limb = (0.0, 0.0)
    far_arm: Limb = (0.0, 0.0)
    near_leg: Limb = (0.0, 0.0)
    far_leg: Limb = (0.0, 0.0)
    near_foot: float = 90.0
    far_foot: float = 90.0
    lift: float = 0.0  # height above the floor (jumps)
    hip_gap: float = 0.0  # front views: distance between the hip joints
    shoulder_gap: float = 0.0
    scale: dict[str, float] = field(default_factory=dict)  # foreshortened segments
    props: tuple[str, ...] = ()  # dumbbells, band, step, bench, mat
    on_step: bool = False  # the near foot carries the body on the step
    near_scale: dict[str, float] = field(default_factory=dict)  # near limb foreshortened
    #: The movement to make: (joint it starts beside, dx, dy) in drawing units.
    arrow: tuple[str, float, float] | None = None


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    kind: str  # near, far, body, prop, band


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    kind: str


@dataclass(frozen=True)
class Panel:
    caption: str
    lines: tuple[Line, ...]
    boxes: tuple[Box, ...]
    head: tuple[float, float, float]
    dots: tuple[tuple[float, float, float], ...]  # dumbbell plates, joints
    arrows: tuple[Line, ...] = ()  # the direction of the movement (shaft and head)
    width: float = PANEL_W
    height: float = PANEL_H
    floor_y: float = FLOOR_Y


@dataclass(frozen=True)
class Figure:
    title: str
    panels: tuple[Panel, ...]


def _step(
    p: tuple[float, float], angle: float, length: float, up: bool = False
) -> tuple[float, float]:
    a = math.radians(angle)
    if up:
        return p[0] + length * math.sin(a), p[1] - length * math.cos(a)
    return p[0] + length * math.sin(a), p[1] + length * math.cos(a)


def _joints(pose: Pose) -> dict[str, tuple[float, float]]:
    s = {k: v * pose.scale.get(k, 1.0) for k, v in LEN.items()}
    hip = (0.0, 0.0)
    neck = _step(hip, pose.torso, s["torso"], up=True)
    head = _step(neck, pose.torso, s["neck"], up=True)
    j = {"hip": hip, "neck": neck, "head": head}
    for side, sign in (("near", 1.0), ("far", -1.0)):
        arm = pose.near_arm if side == "near" else pose.far_arm
        leg = pose.near_leg if side == "near" else pose.far_leg
        foot = pose.near_foot if side == "near" else pose.far_foot
        shoulder = (neck[0] + sign * pose.shoulder_gap / 2, neck[1])
        hip_j = (hip[0] + sign * pose.hip_gap / 2, hip[1])
        own = {k: v * pose.near_scale.get(k, 1.0) for k, v in s.items()} if sign > 0 else s
        j[f"{side}_shoulder"] = shoulder
        j[f"{side}_elbow"] = _step(shoulder, arm[0], own["upper"])
        j[f"{side}_hand"] = _step(j[f"{side}_elbow"], arm[1], own["fore"])
        j[f"{side}_hip"] = hip_j
        j[f"{side}_knee"] = _step(hip_j, leg[0], own["thigh"])
        j[f"{side}_ankle"] = _step(j[f"{side}_knee"], leg[1], own["shin"])
        j[f"{side}_toe"] = _step(j[f"{side}_ankle"], foot, FOOT * pose.scale.get("foot", 1.0))
    return j


def _place(j: dict[str, tuple[float, float]], pose: Pose) -> dict[str, tuple[float, float]]:
    """Move the figure so that its lowest point rests on the floor (or on the mat, bench
    or step it uses), centred in the panel."""
    ys = [p[1] for k, p in j.items() if k != "head"] + [j["head"][1] + HEAD_R]
    xs = [p[0] for p in j.values()]
    base = FLOOR_Y - (4.0 if "mat" in pose.props else 0.0)
    if "step" in pose.props:  # the near foot is on the step
        if pose.on_step:
            ys = [j["near_ankle"][1] + STEP_H, j["near_toe"][1] + STEP_H]
        else:
            ys = [y for k, y in zip(j, ys, strict=False) if not k.startswith("near_")]
    dy = base - pose.lift - max(ys)
    if "bench" in pose.props:  # shoulders rest on the bench
        dy = min(dy, base - 30.0 - j["neck"][1])
    dx = PANEL_W / 2 - (min(xs) + max(xs)) / 2
    placed = {k: (x + dx, y + dy) for k, (x, y) in j.items()}
    # Shrink a figure that would leave the panel (arms overhead, jumps) about the floor.
    top = min(min(y for _, y in placed.values()), placed["head"][1] - HEAD_R)
    half_w = max(abs(x - PANEL_W / 2) for x, _ in placed.values())
    k = min(1.0, (base - 6.0) / max(base - top, 1.0), (PANEL_W / 2 - 10.0) / max(half_w, 1.0))
    if k < 1.0:
        cx = PANEL_W / 2
        placed = {n: (cx + (x - cx) * k, base + (y - base) * k) for n, (x, y) in placed.items()}
    return placed


def panel(caption: str, pose: Pose) -> Panel:
    j = _place(_joints(pose), pose)
    lines: list[Line] = []
    for side in ("far", "near"):  # far limbs first, so near ones are drawn on top
        for a, b in (
            ("hip", "knee"),
            ("knee", "ankle"),
            ("ankle", "toe"),
            ("shoulder", "elbow"),
            ("elbow", "hand"),
        ):
            p, q = j[f"{side}_{a}"], j[f"{side}_{b}"]
            lines.append(Line(*p, *q, kind=side))
        if pose.hip_gap:
            lines.append(Line(*j["hip"], *j[f"{side}_hip"], kind="body"))
        if pose.shoulder_gap:
            lines.append(Line(*j["neck"], *j[f"{side}_shoulder"], kind="body"))
    lines.append(Line(*j["hip"], *j["neck"], kind="torso"))
    boxes: list[Box] = []
    dots: list[tuple[float, float, float]] = []
    if "dumbbells" in pose.props:
        for side in ("far", "near"):
            hx, hy = j[f"{side}_hand"]
            lines.append(Line(hx - 7, hy, hx + 7, hy, kind="prop"))
            dots.extend(((hx - 7, hy, 3.6), (hx + 7, hy, 3.6)))
    if "band" in pose.props:
        (ax, ay), (bx, by) = j["near_knee"], j["far_knee"]
        lines.append(Line(ax, ay - 4, bx, by - 4, kind="band"))
    if "step" in pose.props:
        x = j["near_ankle"][0]
        boxes.append(Box(x - 24, FLOOR_Y - STEP_H + 2, 50, STEP_H - 2, kind="step"))
    if "bench" in pose.props:
        x, y = j["neck"]
        boxes.append(Box(x - 34, y + 4, 40, FLOOR_Y - y - 4, kind="bench"))
    if "mat" in pose.props:
        boxes.append(Box(12, FLOOR_Y - 4, PANEL_W - 24, 4, kind="mat"))
    hx, hy = j["head"]
    return Panel(
        caption=caption,
        lines=tuple(lines),
        boxes=tuple(boxes),
        head=(hx, hy, HEAD_R),
        dots=tuple(dots),
        arrows=_arrow(j, pose.arrow),
    )


def _arrow(
    j: dict[str, tuple[float, float]], spec: tuple[str, float, float] | None
) -> tuple[Line, ...]:
    """A straight arrow beside a joint: the shaft, then the two strokes of its head."""
    if spec is None:
        return ()
    name, dx, dy = spec
    x, y = j[name]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    x0, y0 = x + ux * 8, y + uy * 8  # start just clear of the joint
    x1, y1 = x0 + dx, y0 + dy
    head = []
    for turn in (0.5, -0.5):  # about 30 degrees either side of the shaft, pointing back
        c, s_ = math.cos(math.pi - turn), math.sin(math.pi - turn)
        hx, hy = ux * c - uy * s_, ux * s_ + uy * c
        head.append(Line(x1, y1, x1 + hx * 7, y1 + hy * 7, kind="arrow"))
    return (Line(x0, y0, x1, y1, kind="arrow"), *head)
