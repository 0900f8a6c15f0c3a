"""Exercise catalogue for the training path (reference data, kept apart from programmes).

Training cannot change bone, but can build the muscles around the hip and reduce fat
above and below the dip, which makes the curve less visible; the same work keeps a
surgical result. Instructions are our own words, 3-5 short steps each. ``figure`` is a
short description of the key position for the web layer to draw or caption.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

__all__ = ["CATALOGUE", "Category", "Dosing", "Equipment", "Exercise", "Impact", "Level"]


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"

    @property
    def rank(self) -> int:
        return (Level.BEGINNER, Level.INTERMEDIATE, Level.ADVANCED).index(self)


class Impact(StrEnum):
    LOW = "low"
    HIGH = "high"  # jumping: both feet leave the floor


class Equipment(StrEnum):
    DUMBBELLS = "dumbbells"
    BAND = "band"  # a resistance loop band
    STEP = "step"  # a sturdy step or low box
    BENCH = "bench"  # a bench or sturdy sofa edge


class Category(StrEnum):
    STRENGTH = "strength"
    CARDIO = "cardio"


class Dosing(StrEnum):
    """How an exercise is prescribed: the unit has to fit the movement."""

    REPS = "reps"  # strength: sets x repetitions
    HOLD = "hold"  # a held position: sets x seconds
    INTERVALS = "intervals"  # short hard bursts (jumping): rounds x seconds, with rest
    STEADY = "steady"  # continuous cardio (walking): minutes


@dataclass(frozen=True, slots=True, kw_only=True)
class Exercise:
    """One exercise. ``load_kg`` is the weight range per hand; ``hip_pressure`` marks
    exercises done lying on the side of the hip (kept off fresh grafts)."""

    slug: str
    name: str
    steps: tuple[str, ...]
    muscles: tuple[str, ...]
    equipment: frozenset[Equipment]
    level: Level
    impact: Impact
    category: Category
    figure: str
    load_kg: tuple[float, float] | None = None
    hip_pressure: bool = False
    source_id: str = "hipdip-brief"
    dosing: Dosing = Dosing.REPS


_B, _I, _A = Level.BEGINNER, Level.INTERMEDIATE, Level.ADVANCED
_LOW, _HIGH = Impact.LOW, Impact.HIGH
_ST, _CA = Category.STRENGTH, Category.CARDIO
_GLUTES = ("glutes",)
_LEGS = ("quadriceps", "glutes", "hamstrings")
_SIDE = ("gluteus medius", "gluteus minimus", "hip abductors")


def _x(
    slug: str,
    name: str,
    level: Level,
    impact: Impact,
    cat: Category,
    muscles: tuple[str, ...],
    figure: str,
    *steps: str,
    eq: frozenset[Equipment] = frozenset(),
    load: tuple[float, float] | None = None,
    hip: bool = False,
    src: str = "hipdip-brief",
    dosing: Dosing | None = None,
) -> Exercise:
    return Exercise(
        slug=slug,
        name=name,
        steps=steps,
        muscles=muscles,
        equipment=eq,
        level=level,
        impact=impact,
        category=cat,
        figure=figure,
        load_kg=load,
        hip_pressure=hip,
        source_id=src,
        dosing=dosing or (Dosing.REPS if cat is Category.STRENGTH else Dosing.INTERVALS),
    )


_DB = frozenset({Equipment.DUMBBELLS})
_POL = "hipdip-policy"

_ALL: tuple[Exercise, ...] = (
    _x(
        "squat",
        "Squat",
        _B,
        _LOW,
        _ST,
        _LEGS,
        "side view: hips back, thighs near level",
        "Stand with feet a little wider than your hips.",
        "Push your hips back and bend your knees as if sitting onto a chair.",
        "Go as low as feels controlled, chest up, knees over your toes.",
        "Press through your heels to stand tall.",
    ),
    _x(
        "lunge",
        "Lunge",
        _B,
        _LOW,
        _ST,
        _LEGS,
        "side view: both knees bent at right angles",
        "Stand tall and take a long step forward.",
        "Lower until both knees are bent at about a right angle.",
        "Keep your front knee over your ankle.",
        "Push through the front heel to step back; switch legs.",
    ),
    _x(
        "jump_squat",
        "Jump squat",
        _I,
        _HIGH,
        _CA,
        _LEGS,
        "front view: body in the air, arms up",
        "Lower into a squat.",
        "Jump straight up, swinging your arms.",
        "Land softly on the balls of your feet, knees bent.",
        "Go straight into the next squat.",
    ),
    _x(
        "jump_lunge",
        "Jump lunge",
        _A,
        _HIGH,
        _CA,
        _LEGS,
        "side view: mid-air, legs switching",
        "Start in a lunge.",
        "Jump up and switch legs in the air.",
        "Land softly in a lunge with the other leg in front.",
        "Keep going at a steady pace.",
    ),
    _x(
        "dumbbell_squat",
        "Dumbbell squat",
        _I,
        _LOW,
        _ST,
        _LEGS,
        "front view: squat with a dumbbell in each hand at the sides",
        "Hold a dumbbell in each hand, arms by your sides.",
        "Squat down, hips back and chest up.",
        "Press through your heels to stand.",
        eq=_DB,
        load=(4.5, 7.0),
    ),
    _x(
        "deadlift",
        "Dumbbell deadlift",
        _I,
        _LOW,
        _ST,
        ("hamstrings", "glutes", "lower back"),
        "side view: hinged at the hips, flat back, weights by the shins",
        "Stand with a dumbbell in each hand in front of your thighs.",
        "Soften your knees and push your hips back, keeping your back flat.",
        "Lower the weights along your legs to mid-shin.",
        "Squeeze your glutes to stand tall.",
        eq=_DB,
        load=(5.0, 10.0),
        src=_POL,
    ),
    _x(
        "side_lying_leg_raise",
        "Side-lying leg raise",
        _B,
        _LOW,
        _ST,
        _SIDE,
        "lying on one side, top leg lifted straight",
        "Lie on your side, legs straight.",
        "Lift the top leg slowly, toes pointing forward.",
        "Lower it with control; switch sides.",
        hip=True,
        src=_POL,
    ),
    _x(
        "clamshell",
        "Clamshell",
        _B,
        _LOW,
        _ST,
        _SIDE,
        "lying on one side, knees bent, top knee open",
        "Lie on your side with knees bent and feet together.",
        "Keeping feet touching, lift the top knee.",
        "Lower slowly; switch sides.",
        hip=True,
        src=_POL,
    ),
    _x(
        "glute_bridge",
        "Glute bridge",
        _B,
        _LOW,
        _ST,
        _GLUTES,
        "lying on the back, hips lifted in a straight line from knees to shoulders",
        "Lie on your back, knees bent, feet flat.",
        "Press through your heels to lift your hips.",
        "Squeeze your glutes at the top.",
        "Lower slowly.",
        src=_POL,
    ),
    _x(
        "lateral_band_walk",
        "Lateral band walk",
        _B,
        _LOW,
        _ST,
        _SIDE,
        "front view: half squat, band above the knees, stepping sideways",
        "Put a band just above your knees and bend them slightly.",
        "Step sideways, keeping the band tight.",
        "Take 10 steps, then go back the other way.",
        eq=frozenset({Equipment.BAND}),
        src=_POL,
    ),
    _x(
        "step_up",
        "Step-up",
        _B,
        _LOW,
        _ST,
        _LEGS,
        "side view: one foot on a step, standing tall",
        "Stand facing a sturdy step.",
        "Place one foot fully on the step.",
        "Press through that heel to stand up on the step.",
        "Step down slowly; switch legs.",
        eq=frozenset({Equipment.STEP}),
        src=_POL,
    ),
    _x(
        "fire_hydrant",
        "Fire hydrant",
        _B,
        _LOW,
        _ST,
        _SIDE,
        "on hands and knees, one bent leg lifted out to the side",
        "Start on hands and knees.",
        "Keeping the knee bent, lift one leg out to the side.",
        "Lower slowly; switch sides.",
        src=_POL,
    ),
    _x(
        "hip_thrust",
        "Hip thrust",
        _I,
        _LOW,
        _ST,
        _GLUTES,
        "shoulders on a bench, hips lifted level with the knees",
        "Sit on the floor with your upper back against a bench.",
        "Feet flat, drive your hips up until your body is level.",
        "Squeeze your glutes at the top.",
        "Lower slowly.",
        eq=frozenset({Equipment.BENCH}),
        src=_POL,
    ),
    _x(
        "curtsy_lunge",
        "Curtsy lunge",
        _I,
        _LOW,
        _ST,
        (*_LEGS, *_SIDE),
        "front view: back leg crossed behind, both knees bent",
        "Stand with feet hip-width apart.",
        "Step one foot back and across behind the other.",
        "Bend both knees, keeping your chest up.",
        "Return and switch sides.",
        src=_POL,
    ),
    _x(
        "march_in_place",
        "Marching in place",
        _B,
        _LOW,
        _CA,
        ("hip flexors", "legs"),
        "front view: one knee lifted, opposite arm forward",
        "Stand tall.",
        "Lift one knee towards hip height, then the other.",
        "Swing your arms and keep a brisk, steady rhythm.",
        src=_POL,
        dosing=Dosing.STEADY,
    ),
    _x(
        "brisk_walk",
        "Brisk walk",
        _B,
        _LOW,
        _CA,
        ("legs", "glutes"),
        "side view: walking with a long stride",
        "Walk at a pace that makes you breathe faster.",
        "Keep talking possible, singing hard.",
        "Swing your arms and stand tall.",
        src=_POL,
        dosing=Dosing.STEADY,
    ),
)

CATALOGUE: Mapping[str, Exercise] = MappingProxyType({e.slug: e for e in _ALL})
