"""The exercise catalogue as the web shows it: the care layer's reference data
(``hipdip.care.exercises.CATALOGUE``) with labels, filters and figures. No database:
the catalogue is reference data, kept apart from anyone's programme."""

from __future__ import annotations

from dataclasses import dataclass

from hipdip.care.exercises import CATALOGUE, Category, Equipment, Exercise, Impact, Level
from hipdip.web.exercises.figures import Figure, figure_for

LEVEL_LABELS = {
    Level.BEGINNER: "Beginner",
    Level.INTERMEDIATE: "Intermediate",
    Level.ADVANCED: "Advanced",
}
EQUIPMENT_LABELS = {
    Equipment.DUMBBELLS: "Dumbbells",
    Equipment.BAND: "Resistance band",
    Equipment.STEP: "Step or low box",
    Equipment.BENCH: "Bench or sturdy sofa",
}
IMPACT_LABELS = {Impact.LOW: "Low impact", Impact.HIGH: "Jumping"}
CATEGORY_LABELS = {Category.STRENGTH: "Strength", Category.CARDIO: "Cardio"}
KG_PER_LB = 0.45359237


@dataclass(frozen=True)
class ExerciseCard:
    """One exercise with everything the pages print about it."""

    exercise: Exercise
    figure: Figure | None

    @property
    def slug(self) -> str:
        return self.exercise.slug

    @property
    def name(self) -> str:
        return self.exercise.name

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.exercise.level]

    @property
    def impact_label(self) -> str:
        return IMPACT_LABELS[self.exercise.impact]

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS[self.exercise.category]

    @property
    def equipment_labels(self) -> list[str]:
        return [EQUIPMENT_LABELS[e] for e in sorted(self.exercise.equipment)]

    @property
    def muscles(self) -> str:
        return ", ".join(self.exercise.muscles)

    @property
    def load_text(self) -> str:
        if self.exercise.load_kg is None:
            return ""
        lo, hi = self.exercise.load_kg
        return (
            f"{lo:g}–{hi:g} kg in each hand "
            f"(about {round(lo / KG_PER_LB)}–{round(hi / KG_PER_LB)} lb)"
        )

    @property
    def after_surgery(self) -> str:
        e = self.exercise
        if e.hip_pressure:
            return (
                "Done lying on the side of the hip, so it is left out of post-op "
                "programmes while grafted areas must be kept free of pressure."
            )
        if e.impact is Impact.HIGH:
            return "Jumping: only in the full phase of a post-op programme, never in the light one."
        if e.load_kg is not None:
            return "Uses weights: only in the full phase of a post-op programme."
        return "Low impact: one of the moves the light phase after surgery can include."


def exercise_cards(
    *, level: str = "", equipment: str = "", impact: str = "", category: str = ""
) -> list[ExerciseCard]:
    """The catalogue, filtered. ``equipment="none"`` keeps exercises that need nothing."""
    cards = []
    for e in CATALOGUE.values():
        if level and e.level.value != level:
            continue
        if impact and e.impact.value != impact:
            continue
        if category and e.category.value != category:
            continue
        if equipment == "none" and e.equipment:
            continue
        if equipment and equipment != "none" and equipment not in {q.value for q in e.equipment}:
            continue
        cards.append(ExerciseCard(exercise=e, figure=figure_for(e.slug)))
    return sorted(
        cards,
        key=lambda c: (c.exercise.category.value != "strength", c.exercise.level.rank, c.name),
    )


def exercise_card(slug: str) -> ExerciseCard | None:
    e = CATALOGUE.get(slug)
    return None if e is None else ExerciseCard(exercise=e, figure=figure_for(slug))


FILTERS = {
    "level": [("", "Any level"), *((lv.value, label) for lv, label in LEVEL_LABELS.items())],
    "equipment": [
        ("", "Any equipment"),
        ("none", "No equipment"),
        *((eq.value, label) for eq, label in EQUIPMENT_LABELS.items()),
    ],
    "impact": [("", "Any impact"), *((i.value, label) for i, label in IMPACT_LABELS.items())],
}
