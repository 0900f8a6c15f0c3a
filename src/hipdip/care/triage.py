"""Triage of a post-operative check-in into emergency, urgent or routine.

Symptom levels come from ``ClinicSettings`` (a clinic may raise a level, never lower
one). Any emergency symptom makes the whole check-in an emergency and the advice tells
the patient to call emergency services now. A temperature at or above the fever
threshold counts as fever; pain rising after day 3 raises routine to urgent. These rules
need a clinician's sign-off before real use (CLINICAL.md).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from hipdip.care.settings import ClinicSettings

__all__ = [
    "SYMPTOMS",
    "CheckIn",
    "PastCheckIn",
    "Reason",
    "Symptom",
    "TriageLevel",
    "TriageResult",
    "symptom_level",
    "triage",
]


class TriageLevel(StrEnum):
    ROUTINE = "routine"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return (TriageLevel.ROUTINE, TriageLevel.URGENT, TriageLevel.EMERGENCY).index(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Symptom:
    code: str
    label: str
    source_id: str


_FE, _RF = "fat-embolism-2023", "red-flags"
SYMPTOMS: Mapping[str, Symptom] = MappingProxyType(
    {
        s.code: s
        for s in (
            Symptom(
                code="shortness_of_breath",
                label="Short of breath or struggling to breathe",
                source_id=_FE,
            ),
            Symptom(code="chest_pain", label="Chest pain or tightness", source_id=_RF),
            Symptom(code="coughing_blood", label="Coughing up blood", source_id=_RF),
            Symptom(
                code="fast_heartbeat_rest",
                label="Fast or racing heartbeat while resting",
                source_id=_RF,
            ),
            Symptom(
                code="confusion_drowsiness",
                label="Confused, or unusually drowsy or hard to wake",
                source_id=_FE,
            ),
            Symptom(
                code="new_weakness_speech",
                label="New weakness, numbness or trouble speaking",
                source_id=_FE,
            ),
            Symptom(code="fainting", label="Fainted or nearly fainted", source_id=_RF),
            Symptom(
                code="pinpoint_rash",
                label="Tiny red or purple dots on chest, neck or armpits",
                source_id=_FE,
            ),
            # The clinic's own threshold is added where a reason is given (symptom_label).
            Symptom(code="fever", label="Fever or shivering", source_id=_RF),
            Symptom(code="spreading_redness", label="Redness that is spreading", source_id=_RF),
            Symptom(
                code="warmth", label="Skin hot to the touch around a wound or graft", source_id=_RF
            ),
            Symptom(code="pus_foul_smell", label="Pus or a bad smell from a wound", source_id=_RF),
            Symptom(
                code="calf_swelling_pain",
                label="One calf swollen, painful or tender",
                source_id=_RF,
            ),
            Symptom(
                code="heavy_bleeding", label="Bleeding that soaks through dressings", source_id=_RF
            ),
            Symptom(
                code="fast_growing_swelling",
                label="Swelling that grows fast or feels tight",
                source_id=_RF,
            ),
            Symptom(
                code="skin_dark_blistering", label="Skin turning dark or blistering", source_id=_RF
            ),
            Symptom(code="swelling", label="Swelling", source_id=_RF),
            Symptom(code="bruising", label="Bruising", source_id=_RF),
            Symptom(code="soreness", label="Soreness that is easing", source_id=_RF),
            Symptom(code="firm_lump", label="A firm lump under the skin", source_id=_RF),
        )
    }
)


def symptom_label(code: str, settings: ClinicSettings) -> str:
    """The symptom's label, with the clinic's fever threshold where it applies."""
    if code == "fever":
        return f"Fever ({settings.fever_c:g} °C or higher) or shivering"
    return SYMPTOMS[code].label


def symptom_level(code: str, settings: ClinicSettings) -> TriageLevel:
    """The triage level the clinic's settings give a symptom code."""
    if code in settings.emergency_symptoms:
        return TriageLevel.EMERGENCY
    if code in settings.urgent_symptoms:
        return TriageLevel.URGENT
    if code in settings.routine_symptoms:
        return TriageLevel.ROUTINE
    raise ValueError(f"unknown symptom code {code!r}; valid codes: {', '.join(SYMPTOMS)}")


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckIn:
    """A daily check-in. Swelling and bruising 0 (none) to 3 (severe)."""

    pain: int
    temperature_c: float | None = None
    swelling: int | None = None
    bruising: int | None = None
    drain_output_ml: float | None = None
    garment_worn: bool | None = None
    symptoms: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        _check_int("pain", self.pain, 0, 10)
        for name in ("swelling", "bruising"):
            if getattr(self, name) is not None:
                _check_int(name, getattr(self, name), 0, 3)
        _check_number("temperature_c", self.temperature_c, 30.0, 45.0, "°C")
        _check_number("drain_output_ml", self.drain_output_ml, 0.0, 5000.0, "mL")
        if isinstance(self.symptoms, str):
            raise ValueError("symptoms must be a list of codes, not one string")
        object.__setattr__(self, "symptoms", frozenset(self.symptoms))
        unknown = sorted(self.symptoms - set(SYMPTOMS))
        if unknown:
            raise ValueError(f"unknown symptom code(s) {', '.join(unknown)}")


def _check_int(name: str, value: object, lo: int, hi: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ValueError(f"{name} must be a whole number from {lo} to {hi}, got {value!r}")


def _check_number(name: str, value: object, lo: float, hi: float, unit: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if not lo <= value <= hi:
        raise ValueError(f"{name} must be between {lo:g} and {hi:g} {unit}, got {value:g}")


@dataclass(frozen=True, slots=True, kw_only=True)
class PastCheckIn:
    """An earlier check-in with its recovery day, for trends."""

    day: int
    checkin: CheckIn


@dataclass(frozen=True, slots=True, kw_only=True)
class Reason:
    code: str
    label: str
    level: TriageLevel
    source_id: str


@dataclass(frozen=True, slots=True, kw_only=True)
class TriageResult:
    level: TriageLevel
    reasons: tuple[Reason, ...]
    patient_advice: str
    staff_summary: str

    @property
    def alert_clinic(self) -> bool:
        """Staff should be alerted now (urgent or emergency)."""
        return self.level is not TriageLevel.ROUTINE


def triage(
    checkin: CheckIn,
    *,
    previous_checkins: Sequence[PastCheckIn] = (),
    day: int,
    settings: ClinicSettings,
) -> TriageResult:
    """Triage one check-in on recovery ``day`` (0 = day of surgery)."""
    if isinstance(day, bool) or not isinstance(day, int) or day < 0:
        raise ValueError(
            f"day must be a whole number of days since surgery (0 or more), got {day!r}"
        )
    reasons = _symptom_reasons(checkin, settings)
    level = max((r.level for r in reasons), key=lambda lv: lv.rank, default=TriageLevel.ROUTINE)
    rising = _pain_rise(checkin, previous_checkins, day, settings)
    if rising is not None:
        reasons.append(rising)
        if level is TriageLevel.ROUTINE:
            level = TriageLevel.URGENT
    reasons.sort(key=lambda r: -r.level.rank)
    return TriageResult(
        level=level,
        reasons=tuple(reasons),
        patient_advice=_advice(level, checkin, reasons),
        staff_summary=_summary(level, checkin, reasons, day),
    )


def _symptom_reasons(checkin: CheckIn, s: ClinicSettings) -> list[Reason]:
    codes = set(checkin.symptoms)
    if checkin.temperature_c is not None and checkin.temperature_c >= s.fever_c:
        codes.add("fever")
    return [
        Reason(
            code=c,
            label=symptom_label(c, s),
            level=symptom_level(c, s),
            source_id=SYMPTOMS[c].source_id,
        )
        for c in sorted(codes)
    ]


def _pain_rise(
    checkin: CheckIn, previous: Sequence[PastCheckIn], day: int, s: ClinicSettings
) -> Reason | None:
    earlier = [p for p in previous if p.day < day]
    if day <= s.pain_rise_after_day or not earlier:
        return None
    last = max(earlier, key=lambda p: p.day)
    if checkin.pain - last.checkin.pain < s.pain_rise_min_points:
        return None
    return Reason(
        code="pain_rising",
        label=f"Pain rising after day {s.pain_rise_after_day}: {checkin.pain}/10, "
        f"up from {last.checkin.pain}/10 on day {last.day}",
        level=TriageLevel.URGENT,
        source_id="red-flags",
    )


_ADVICE = {
    TriageLevel.EMERGENCY: "Call emergency services now (999, 112 or 911, or your local "
    "emergency number). Say you recently had liposuction and fat grafting. Don't drive "
    "yourself and don't wait for the clinic to call back.",
    TriageLevel.URGENT: "Call the clinic today. If you can't reach them, or you feel worse, "
    "go to urgent care or call emergency services.",
    TriageLevel.ROUTINE: "This sounds like normal healing. Keep following your recovery "
    "plan, and call the clinic if anything changes or worries you.",
}


def _advice(level: TriageLevel, checkin: CheckIn, reasons: Sequence[Reason]) -> str:
    parts = [_ADVICE[level]]
    if any(r.code == "firm_lump" for r in reasons) and level is TriageLevel.ROUTINE:
        parts.append("Mention the firm lump at your next visit.")
    if checkin.garment_worn is False:
        parts.append("Please keep wearing your compression garment unless told otherwise.")
    return " ".join(parts)


def _summary(level: TriageLevel, checkin: CheckIn, reasons: Sequence[Reason], day: int) -> str:
    facts = [f"pain {checkin.pain}/10"]
    if checkin.temperature_c is not None:
        facts.append(f"temperature {checkin.temperature_c:.1f} °C")
    if checkin.drain_output_ml is not None:
        facts.append(f"drain {checkin.drain_output_ml:g} mL")
    why = "; ".join(r.label for r in reasons) or "No red flags"
    return f"Day {day}: {level.upper()}. {why}. ({', '.join(facts)})"
