"""The two poses of each exercise (where it starts, and the key position), as joint
angles for :mod:`hipdip.web.exercises.geometry`, with the alt text of the diagram."""

from __future__ import annotations

from dataclasses import replace

from hipdip.web.exercises.geometry import Pose

#: Standing tall, seen from the side: arms relaxed just off the body so they show.
STAND = Pose(near_arm=(12, 18), far_arm=(-10, -4), near_leg=(3, 0), far_leg=(-3, 0))
_DB = ("dumbbells",)
#: On hands and knees, seen from the side: hands under the shoulders, knees under the
#: hips, shins flat on the mat behind.
_ALL_FOURS = Pose(
    torso=72,
    near_arm=(0, 0),
    far_arm=(3, 0),
    near_leg=(0, -90),
    far_leg=(3, -90),
    near_foot=-90,
    far_foot=-90,
    props=("mat",),
)

#: slug -> (alt text, (caption, pose) of the start, (caption, pose) of the key position)
POSES: dict[str, tuple[str, tuple[str, Pose], tuple[str, Pose]]] = {
    "squat": (
        "Side view of a squat: from standing, hips go back and down until the thighs are "
        "nearly level, chest up, arms reaching forward.",
        ("Stand tall", STAND),
        (
            "Hips back and down",
            Pose(
                torso=38,
                near_leg=(82, -28),
                far_leg=(80, -26),
                near_arm=(88, 92),
                far_arm=(84, 90),
                arrow=("hip", -9, 11),
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
                arrow=("near_ankle", 0, -16),
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
                near_leg=(84, 96),
                far_leg=(86, 98),
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
                far_leg=(86, 98),
                near_arm=(92, 92),
                far_arm=(-90, -90),
                props=("mat",),
                arrow=("near_knee", 0, -14),
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
                arrow=("hip", 0, -14),
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
                arrow=("near_knee", 16, 0),
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
                arrow=("hip", 0, -14),
            ),
        ),
    ),
    "fire_hydrant": (
        "Side view, on hands and knees with a flat back: one knee, still bent at a right "
        "angle, lifts out to the side to about hip height, then lowers.",
        ("Hands and knees", _ALL_FOURS),
        (
            "Knee out to the side",
            replace(
                _ALL_FOURS,
                near_scale={"thigh": 0.3},
                arrow=("near_knee", 5, -15),
            ),
        ),
    ),
    "hip_thrust": (
        "Side view of a hip thrust: upper back on a bench, feet flat; the hips drive up "
        "until the body is level from shoulders to knees.",
        (
            "Back against the bench",
            Pose(
                torso=-50,
                near_leg=(128, -4),
                far_leg=(130, -2),
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
                arrow=("hip", 0, -14),
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
