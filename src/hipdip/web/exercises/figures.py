"""Stick-figure diagrams of the exercises, drawn as inline SVG on the server.

Each exercise has two poses (where it starts, and the key position) described by joint
angles; :func:`figure_for` turns them into plain geometry the template draws. Angles are
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
        j[f"{side}_shoulder"] = shoulder
        j[f"{side}_elbow"] = _step(shoulder, arm[0], s["upper"])
        j[f"{side}_hand"] = _step(j[f"{side}_elbow"], arm[1], s["fore"])
        j[f"{side}_hip"] = hip_j
        j[f"{side}_knee"] = _step(hip_j, leg[0], s["thigh"])
        j[f"{side}_ankle"] = _step(j[f"{side}_knee"], leg[1], s["shin"])
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


def _panel(caption: str, pose: Pose) -> Panel:
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
    lines.append(Line(*j["hip"], *j["neck"], kind="body"))
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
    )


STAND = Pose()
_DB = ("dumbbells",)

#: slug -> (alt text, (caption, pose) of the start, (caption, pose) of the key position)
_POSES: dict[str, tuple[str, tuple[str, Pose], tuple[str, Pose]]] = {
    "squat": (
        "Side view of a squat: from standing, hips go back and down until the thighs are "
        "nearly level, chest up, arms reaching forward.",
        ("Stand tall", STAND),
        (
            "Hips back and down",
            Pose(
                torso=38, near_leg=(82, -28), far_leg=(80, -26), near_arm=(88, 92), far_arm=(84, 90)
            ),
        ),
    ),
    "lunge": (
        "Side view of a lunge: a long step forward, both knees bent at about a right angle.",
        ("Stand tall", STAND),
        (
            "Both knees bent",
            Pose(
                near_leg=(88, 0), far_leg=(-18, -88), far_foot=40, near_arm=(-8, -4), far_arm=(8, 6)
            ),
        ),
    ),
    "jump_squat": (
        "Front view of a jump squat: a squat, then a jump straight up with the arms swinging "
        "overhead.",
        (
            "Squat",
            Pose(
                hip_gap=18,
                shoulder_gap=26,
                near_leg=(48, -12),
                far_leg=(-48, 12),
                near_foot=70,
                far_foot=-70,
                near_arm=(30, 20),
                far_arm=(-30, -20),
                scale={"thigh": 0.85},
            ),
        ),
        (
            "Jump up",
            Pose(
                hip_gap=18,
                shoulder_gap=26,
                near_leg=(6, 0),
                far_leg=(-6, 0),
                near_foot=25,
                far_foot=-25,
                near_arm=(150, 162),
                far_arm=(-150, -162),
                lift=18,
            ),
        ),
    ),
    "jump_lunge": (
        "Side view of a jump lunge: from a lunge, a jump that switches the legs in the air.",
        (
            "Lunge",
            Pose(
                near_leg=(88, 0), far_leg=(-18, -88), far_foot=40, near_arm=(-8, -4), far_arm=(8, 6)
            ),
        ),
        (
            "Switch in the air",
            Pose(
                near_leg=(-25, -70),
                far_leg=(55, 5),
                near_foot=45,
                near_arm=(35, 70),
                far_arm=(-35, -15),
                lift=16,
            ),
        ),
    ),
    "dumbbell_squat": (
        "Front view of a dumbbell squat: a squat with a dumbbell held in each hand at the sides.",
        (
            "Stand tall",
            Pose(
                hip_gap=18,
                shoulder_gap=26,
                near_arm=(8, 4),
                far_arm=(-8, -4),
                props=_DB,
                near_foot=60,
                far_foot=-60,
                near_leg=(4, 0),
                far_leg=(-4, 0),
            ),
        ),
        (
            "Squat down",
            Pose(
                hip_gap=18,
                shoulder_gap=26,
                near_leg=(48, -12),
                far_leg=(-48, 12),
                near_foot=70,
                far_foot=-70,
                near_arm=(10, 4),
                far_arm=(-10, -4),
                scale={"thigh": 0.85},
                props=_DB,
            ),
        ),
    ),
    "deadlift": (
        "Side view of a dumbbell deadlift: hinge at the hips with a flat back, weights "
        "lowered along the legs to mid-shin.",
        ("Stand tall", Pose(near_arm=(6, 2), far_arm=(4, 0), props=_DB)),
        (
            "Hinge, flat back",
            Pose(
                torso=72,
                near_leg=(18, -8),
                far_leg=(16, -8),
                near_arm=(2, 0),
                far_arm=(-2, -2),
                props=_DB,
            ),
        ),
    ),
    "side_lying_leg_raise": (
        "Lying on one side, legs straight; the top leg lifts and lowers slowly.",
        (
            "Lie on your side",
            Pose(
                torso=-90,
                near_leg=(90, 90),
                far_leg=(92, 92),
                near_foot=180,
                far_foot=180,
                near_arm=(92, 92),
                far_arm=(-90, -90),
                props=("mat",),
            ),
        ),
        (
            "Lift the top leg",
            Pose(
                torso=-90,
                near_leg=(62, 62),
                far_leg=(92, 92),
                near_foot=152,
                far_foot=180,
                near_arm=(92, 92),
                far_arm=(-90, -90),
                props=("mat",),
            ),
        ),
    ),
    "clamshell": (
        "Lying on one side with knees bent and feet together; the top knee opens like a "
        "shell while the feet stay together.",
        (
            "Knees bent, together",
            Pose(
                torso=-90,
                near_leg=(55, 118),
                far_leg=(57, 120),
                near_arm=(92, 92),
                far_arm=(-90, -90),
                props=("mat",),
            ),
        ),
        (
            "Open the top knee",
            Pose(
                torso=-90,
                near_leg=(125, 50),
                far_leg=(57, 120),
                near_arm=(92, 92),
                far_arm=(-90, -90),
                props=("mat",),
            ),
        ),
    ),
    "glute_bridge": (
        "Lying on the back, knees bent, feet flat; the hips lift until knees, hips and "
        "shoulders make a straight line.",
        (
            "Lie on your back",
            Pose(
                torso=-90,
                near_leg=(125, -20),
                far_leg=(127, -18),
                near_arm=(90, 90),
                far_arm=(92, 92),
                props=("mat",),
            ),
        ),
        (
            "Lift your hips",
            Pose(
                torso=-112,
                near_leg=(112, -12),
                far_leg=(114, -10),
                near_arm=(68, 90),
                far_arm=(70, 90),
                props=("mat",),
            ),
        ),
    ),
    "lateral_band_walk": (
        "Front view of a lateral band walk: a half squat with a band just above the knees, "
        "stepping sideways against it.",
        (
            "Half squat",
            Pose(
                hip_gap=18,
                shoulder_gap=26,
                near_leg=(22, -6),
                far_leg=(-22, 6),
                near_foot=70,
                far_foot=-70,
                near_arm=(35, -60),
                far_arm=(-35, 60),
                props=("band",),
            ),
        ),
        (
            "Step sideways",
            Pose(
                hip_gap=18,
                shoulder_gap=26,
                near_leg=(40, 10),
                far_leg=(-18, 6),
                near_foot=70,
                far_foot=-70,
                near_arm=(35, -60),
                far_arm=(-35, 60),
                props=("band",),
            ),
        ),
    ),
    "step_up": (
        "Side view of a step-up: one foot on a sturdy step, then standing up tall on it.",
        (
            "Foot on the step",
            Pose(
                torso=10,
                near_leg=(70, -18),
                far_leg=(-4, 0),
                near_arm=(-12, -6),
                far_arm=(12, 8),
                props=("step",),
            ),
        ),
        (
            "Stand up on it",
            Pose(
                near_leg=(0, 0),
                far_leg=(-10, -50),
                far_foot=40,
                near_arm=(8, 4),
                far_arm=(-8, -4),
                props=("step",),
                on_step=True,
            ),
        ),
    ),
    "fire_hydrant": (
        "Seen from behind, on hands and knees: one leg, knee bent, lifts out to the side.",
        (
            "Hands and knees",
            Pose(
                hip_gap=18,
                shoulder_gap=28,
                torso=0,
                near_leg=(0, 0),
                far_leg=(0, 0),
                near_arm=(0, 0),
                far_arm=(0, 0),
                near_foot=0,
                far_foot=0,
                scale={"torso": 0.2, "neck": 0.9, "shin": 0.18, "foot": 0.01, "upper": 0.9},
                props=("mat",),
            ),
        ),
        (
            "Lift a knee out",
            Pose(
                hip_gap=18,
                shoulder_gap=28,
                torso=0,
                near_leg=(82, 10),
                far_leg=(0, 0),
                near_arm=(0, 0),
                far_arm=(0, 0),
                near_foot=0,
                far_foot=0,
                scale={"torso": 0.2, "neck": 0.9, "shin": 0.5, "foot": 0.01, "upper": 0.9},
                props=("mat",),
            ),
        ),
    ),
    "hip_thrust": (
        "Side view of a hip thrust: upper back on a bench, feet flat; the hips drive up "
        "until the body is level from shoulders to knees.",
        (
            "Back against the bench",
            Pose(
                torso=-35,
                near_leg=(95, -6),
                far_leg=(97, -4),
                near_arm=(60, 120),
                far_arm=(62, 122),
                props=("bench",),
            ),
        ),
        (
            "Drive the hips up",
            Pose(
                torso=-90,
                near_leg=(92, -2),
                far_leg=(94, 0),
                near_arm=(-120, -60),
                far_arm=(-118, -58),
                props=("bench",),
            ),
        ),
    ),
    "curtsy_lunge": (
        "Front view of a curtsy lunge: one leg steps back and across behind the other, "
        "both knees bent, chest up.",
        (
            "Stand tall",
            Pose(
                hip_gap=18,
                shoulder_gap=26,
                near_leg=(4, 0),
                far_leg=(-4, 0),
                near_foot=60,
                far_foot=-60,
                near_arm=(30, 130),
                far_arm=(-30, -130),
            ),
        ),
        (
            "Cross behind and bend",
            Pose(
                hip_gap=18,
                shoulder_gap=26,
                near_leg=(28, -12),
                far_leg=(38, 20),
                near_foot=60,
                far_foot=60,
                near_arm=(30, 130),
                far_arm=(-30, -130),
                scale={"thigh": 0.85},
            ),
        ),
    ),
    "march_in_place": (
        "Side view of marching in place: one knee lifts towards hip height while the "
        "opposite arm swings forward.",
        ("Stand tall", STAND),
        (
            "Knee up, arm forward",
            Pose(
                near_leg=(85, 0),
                far_leg=(0, 0),
                near_arm=(-30, -10),
                far_arm=(45, 110),
                near_foot=100,
            ),
        ),
    ),
    "brisk_walk": (
        "Side view of a brisk walk: a long, quick stride with the arms swinging.",
        (
            "Long stride",
            Pose(
                near_leg=(26, 8),
                far_leg=(-22, -40),
                far_foot=55,
                near_foot=70,
                near_arm=(-28, -15),
                far_arm=(28, 70),
            ),
        ),
        (
            "Swing through",
            Pose(
                near_leg=(-22, -40),
                far_leg=(26, 8),
                near_foot=55,
                far_foot=70,
                near_arm=(28, 70),
                far_arm=(-28, -15),
            ),
        ),
    ),
}


def figure_for(slug: str) -> Figure | None:
    """The two-panel diagram of an exercise, or None if it has none."""
    spec = _POSES.get(slug)
    if spec is None:
        return None
    title, start, key = spec
    return Figure(title=title, panels=(_panel(*start), _panel(*key)))


def has_figure(slug: str) -> bool:
    return slug in _POSES
