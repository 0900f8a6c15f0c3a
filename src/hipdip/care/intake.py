"""The facts from a patient's intake that the clinical rules read.

:class:`IntakeFacts` is what screening and the pre-op checklist need, already
structured; the web layer builds it from the stored intake. Impossible values (a
height of 20 cm, a weight of 900 kg) raise ``ValueError`` with the field named.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hipdip.care.bodyimage import ScreenResult
from hipdip.vision.conventions import MAX_HEIGHT_CM, MIN_HEIGHT_CM

__all__ = ["Diabetes", "Expectation", "IntakeFacts", "Nicotine", "Pregnancy", "Sex"]


class Sex(StrEnum):
    """Sex recorded for clinical rules (ECG age, pregnancy test)."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"  # rules then use the more cautious branch


class Nicotine(StrEnum):
    """Any nicotine: cigarettes, vaping, patches, gum, pouches."""

    NONE = "none"
    FORMER = "former"
    CURRENT = "current"


class Diabetes(StrEnum):
    NONE = "none"
    CONTROLLED = "controlled"
    UNCONTROLLED = "uncontrolled"


class Pregnancy(StrEnum):
    NO = "no"
    PLANNING = "planning"  # planning a pregnancy in the coming year
    PREGNANT = "pregnant"


class Expectation(StrEnum):
    """How much change the person hopes for, from the intake's goals question."""

    MODEST = "modest"
    MODERATE = "moderate"
    HIGH = "high"


_RANGES: tuple[tuple[str, float, float, str], ...] = (
    ("age", 0, 120, "years"),
    ("height_cm", MIN_HEIGHT_CM, MAX_HEIGHT_CM, "cm"),
    ("weight_kg", 25, 350, "kg"),
    ("weight_change_kg_6mo", -150, 150, "kg"),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class IntakeFacts:
    """Structured intake answers plus the measured dip depths (mm, anatomical sides).

    ``weight_change_kg_6mo`` is signed (gain positive). Dip depths are ``None`` when
    not measured; a measured 0.0 means no indentation was found.
    """

    age: int
    sex: Sex
    height_cm: float
    weight_kg: float
    nicotine: Nicotine = Nicotine.NONE
    medications: tuple[str, ...] = ()
    bleeding_disorder: bool = False
    diabetes: Diabetes = Diabetes.NONE
    heart_lung_disease: bool = False
    pregnancy: Pregnancy = Pregnancy.NO
    weight_change_kg_6mo: float = 0.0
    body_image: ScreenResult | None = None
    dip_depth_left_mm: float | None = None
    dip_depth_right_mm: float | None = None
    expectation: Expectation | None = None
    expectation_text: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.medications, str):
            raise ValueError("medications must be a list of names, not one string")
        for name, lo, hi, unit in _RANGES:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"{name} must be a number, got {value!r}")
            if not lo <= value <= hi:
                raise ValueError(f"{name} must be between {lo:g} and {hi:g} {unit}, got {value}")
        for side in ("left", "right"):
            depth = getattr(self, f"dip_depth_{side}_mm")
            if depth is not None and not 0 <= depth <= 200:
                raise ValueError(f"dip_depth_{side}_mm must be 0-200 mm, got {depth}")

    @property
    def bmi(self) -> float:
        """Body-mass index in kg/m², from height and weight."""
        metres = self.height_cm / 100
        return self.weight_kg / (metres * metres)

    @property
    def deepest_dip_mm(self) -> float | None:
        """The deeper of the measured sides, or ``None`` if neither was measured."""
        depths = [d for d in (self.dip_depth_left_mm, self.dip_depth_right_mm) if d is not None]
        return max(depths) if depths else None
