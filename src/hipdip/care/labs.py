"""Pre-operative lab tests by age, sex and history (Medscape liposuction workup)."""

from __future__ import annotations

from dataclasses import dataclass

from hipdip.care.intake import Diabetes, IntakeFacts, Nicotine, Sex
from hipdip.care.medications import DrugClass, classify_medications
from hipdip.care.settings import ClinicSettings

__all__ = ["Lab", "required_labs"]

_MEDSCAPE = "medscape-lipo-workup"


@dataclass(frozen=True, slots=True, kw_only=True)
class Lab:
    """A test to order before surgery, with why it applies to this patient."""

    key: str
    name: str
    reason: str
    source_id: str


def required_labs(facts: IntakeFacts, settings: ClinicSettings) -> tuple[Lab, ...]:
    """The tests for this patient: always the basics, others by age, sex and history."""
    labs = [
        Lab(
            key="fbc",
            name="full blood count",
            reason="Checked before every operation.",
            source_id=_MEDSCAPE,
        ),
        Lab(
            key="urinalysis",
            name="urine test",
            reason="Checked before every operation.",
            source_id=_MEDSCAPE,
        ),
        Lab(
            key="hiv_hepatitis",
            name="HIV and hepatitis tests",
            reason="Checked before every operation.",
            source_id=_MEDSCAPE,
        ),
        Lab(
            key="clotting",
            name="clotting tests",
            reason="Added by most practices.",
            source_id="practice-labs",
        ),
    ]
    if _takes_diuretic(facts):
        labs.append(
            Lab(
                key="electrolytes",
                name="electrolytes (salts in the blood)",
                reason="Because you take a water tablet.",
                source_id=_MEDSCAPE,
            )
        )
    if facts.diabetes is not Diabetes.NONE:
        labs.append(
            Lab(
                key="metabolic",
                name="metabolic panel including blood sugar",
                reason="Because you have diabetes.",
                source_id="practice-labs",
            )
        )
    if facts.nicotine is Nicotine.CURRENT:
        labs.append(
            Lab(
                key="chest_xray",
                name="chest X-ray",
                reason="Because you use nicotine.",
                source_id=_MEDSCAPE,
            )
        )
    if _needs_ecg(facts, settings):
        labs.append(
            Lab(
                key="ecg",
                name="ECG (heart tracing)",
                reason="Because of your age or health history.",
                source_id=_MEDSCAPE,
            )
        )
    if facts.sex is not Sex.MALE and facts.age <= settings.pregnancy_test_max_age:
        labs.append(
            Lab(
                key="pregnancy",
                name="pregnancy test",
                reason="For anyone who could be pregnant.",
                source_id=_MEDSCAPE,
            )
        )
    return tuple(labs)


def _takes_diuretic(facts: IntakeFacts) -> bool:
    return any(
        m.agent is not None and m.agent.drug_class is DrugClass.DIURETIC
        for m in classify_medications(facts.medications)
    )


def _needs_ecg(facts: IntakeFacts, settings: ClinicSettings) -> bool:
    """Men over 40, women over 50 (others: the lower age), or heart risk factors."""
    limit = settings.ecg_women_over_age if facts.sex is Sex.FEMALE else settings.ecg_men_over_age
    return facts.age > limit or facts.heart_lung_disease or facts.diabetes is not Diabetes.NONE
