"""The scalar clinical defaults of :class:`hipdip.care.settings.ClinicSettings`.

Kept apart from the override and validation code so the numbers read as one table:
each :func:`setting` names its default, source id, unit, allowed range and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = [
    "DEFAULT_EMERGENCY",
    "DEFAULT_ROUTINE",
    "DEFAULT_URGENT",
    "HOLD_DEFAULTS",
    "ClinicalFacts",
    "setting",
]


def setting(
    default: Any,
    *,
    source: str,
    unit: str = "",
    lo: float | None = None,
    hi: float | None = None,
    doc: str,
    label: str = "",
    group: str = "",
) -> Any:
    """A dataclass field with its source, unit, allowed range and reason as metadata;
    ``label`` and ``group`` name it on the clinic's settings form (see ``settings_defs``)."""
    meta = {"source": source, "unit": unit, "min": lo, "max": hi, "doc": doc}
    return field(default=default, metadata={**meta, "label": label, "group": group})


# Hold key -> (days before surgery, source id). Specific agents use their own figure;
# an NSAID or herbal product not listed falls back to the *_default key.
HOLD_DEFAULTS: Mapping[str, tuple[int, str]] = MappingProxyType(
    {
        "aspirin": (10, "uf-plastic-surgery"),
        "ibuprofen": (2, "nsaid-half-lives"),
        "naproxen": (4, "nsaid-half-lives"),
        "meloxicam": (4, "nsaid-half-lives"),
        "piroxicam": (10, "nsaid-half-lives"),
        "nsaid_default": (14, "aesthetic-practice-holds"),
        "vitamin_e": (14, "aesthetic-practice-holds"),
        "fish_oil": (14, "aesthetic-practice-holds"),
        "garlic": (7, "ang-lee-2001"),
        "ginseng": (7, "ang-lee-2001"),
        "ginkgo": (2, "ang-lee-2001"),  # 36 h, rounded up to whole days
        "kava": (1, "ang-lee-2001"),
        "ephedra": (1, "ang-lee-2001"),
        "st_johns_wort": (5, "ang-lee-2001"),
        "herbal_default": (14, "asa-herbals"),
        "ginger": (14, "aesthetic-practice-holds"),
        "feverfew": (14, "aesthetic-practice-holds"),
        "dong_quai": (14, "aesthetic-practice-holds"),
        "bilberry": (14, "aesthetic-practice-holds"),
    }
)

DEFAULT_EMERGENCY = frozenset(
    {
        "shortness_of_breath",
        "chest_pain",
        "coughing_blood",
        "fast_heartbeat_rest",
        "confusion_drowsiness",
        "new_weakness_speech",
        "fainting",
        "pinpoint_rash",
    }
)
DEFAULT_URGENT = frozenset(
    {
        "fever",
        "spreading_redness",
        "warmth",
        "pus_foul_smell",
        "calf_swelling_pain",
        "heavy_bleeding",
        "fast_growing_swelling",
        "skin_dark_blistering",
    }
)
DEFAULT_ROUTINE = frozenset({"swelling", "bruising", "soreness", "firm_lump"})

_CAND = "clinic-candidacy"
_REC = "clinic-recovery"
_POL = "hipdip-policy"
_MODEL = "hipdip-model"


@dataclass(frozen=True, kw_only=True)
class ClinicalFacts:
    """Scalar clinical defaults; see :class:`hipdip.care.settings.ClinicSettings`."""

    # Graft planning
    graft_retention_expected: float = setting(
        0.5,
        source="gir-rohrich-2012",
        lo=0.05,
        hi=1.0,
        doc="Share of injected fat expected to survive (40-80 % reported).",
    )
    graft_retention_low: float = setting(
        0.4, source="gir-rohrich-2012", lo=0.05, hi=1.0, doc="Pessimistic retention."
    )
    graft_retention_high: float = setting(
        0.8, source="gir-rohrich-2012", lo=0.05, hi=1.0, doc="Optimistic retention."
    )
    processing_yield: float = setting(
        0.26,
        source="hip-series-2023",
        lo=0.05,
        hi=1.0,
        doc="Injected volume as a share of lipoaspirate after processing.",
    )
    deficit_ap_span_factor: float = setting(
        1.0,
        source=_MODEL,
        lo=0.3,
        hi=3.0,
        doc="Front-to-back span of the dip as a multiple of its vertical extent.",
    )
    centrifuge_recommended_g: float = setting(
        1200.0,
        source="allen-coleman-2013",
        unit="g",
        lo=100,
        hi=5000,
        doc="Recommended centrifuge force for fat grafts (1,200 g for 3 minutes).",
    )
    centrifuge_max_g: float = setting(
        3000.0,
        source="allen-coleman-2013",
        unit="g",
        lo=100,
        hi=10000,
        doc="Force above which centrifugation harms adipose stem cells.",
    )
    large_volume_aspirate_ml: float = setting(
        5000.0,
        source="asps-haeck-2009",
        unit="mL",
        lo=500,
        hi=10000,
        doc="Total aspirate above which liposuction is large-volume.",
    )
    duration_base_min: int = setting(
        60, source=_MODEL, unit="min", lo=0, hi=600, doc="Set-up, marking, closure."
    )
    duration_per_grafted_side_min: int = setting(
        20, source=_MODEL, unit="min", lo=0, hi=240, doc="Injection time per side."
    )
    duration_per_litre_aspirate_min: int = setting(
        30, source=_MODEL, unit="min", lo=0, hi=240, doc="Harvest time per litre."
    )
    # Measurement
    height_tolerance_cm: float = setting(
        3.0,
        source="height-self-report",
        unit="cm",
        lo=1,
        hi=10,
        doc="A photo session's stated height further than this from the patient's recorded "
        "height is checked by staff before its figures reach a plan.",
    )
    # Candidacy
    bmi_caution_from: float = setting(
        30.0, source=_CAND, unit="kg/m2", lo=15, hi=60, doc="BMI at which to discuss risk."
    )
    bmi_stop_above: float = setting(
        34.0,
        source=_CAND,
        unit="kg/m2",
        lo=15,
        hi=60,
        doc="BMI above which most practices do not operate.",
    )
    min_age_years: int = setting(
        18, source=_POL, unit="years", lo=16, hi=30, doc="Youngest age for elective surgery."
    )
    unstable_weight_change_kg: float = setting(
        5.0,
        source=_POL,
        unit="kg",
        lo=1,
        hi=30,
        doc="Weight change in 6 months that counts as not yet stable.",
    )
    dip_present_mm: float = setting(
        3.0,
        source="hipdip-measurement",
        unit="mm",
        lo=0.5,
        hi=20,
        doc="Depth from which a dip counts as present.",
    )
    small_dip_mm: float = setting(
        5.0,
        source=_POL,
        unit="mm",
        lo=0.5,
        hi=30,
        doc="Depth below which a high expectation of change needs a talk.",
    )
    nicotine_free_weeks_before: int = setting(
        4,
        source="sorensen-2012-ann-surg",
        unit="weeks",
        lo=0,
        hi=26,
        doc="Nicotine-free time before surgery (healing cells recover in 4 weeks).",
    )
    nicotine_free_weeks_after: int = setting(
        4,
        source="sorensen-2012-ann-surg",
        unit="weeks",
        lo=0,
        hi=26,
        doc="Nicotine-free time after surgery.",
    )
    dcq_cutoff: int = setting(
        9,
        source="mancuso-2010",
        unit="points",
        lo=1,
        hi=21,
        doc="DCQ total at or above which the screen is positive (9; stricter 11, 14).",
    )
    # Pre-op checklist
    labs_due_days_before: int = setting(
        14, source=_POL, unit="days", lo=1, hi=60, doc="Labs done by this many days before."
    )
    arrangements_due_days_before: int = setting(
        7, source=_POL, unit="days", lo=0, hi=60, doc="Driver and carer arranged by then."
    )
    fasting_solids_hours: int = setting(
        6, source="asa-fasting-2017", unit="h", lo=2, hi=24, doc="No food for this long."
    )
    fasting_clear_fluids_hours: int = setting(
        2, source="asa-fasting-2017", unit="h", lo=1, hi=24, doc="No clear fluids this long."
    )
    fasting_from_midnight: bool = setting(
        False, source=_POL, doc="Use the simpler 'nothing from midnight' rule instead."
    )
    ecg_men_over_age: int = setting(
        40, source="medscape-lipo-workup", unit="years", lo=18, hi=90, doc="ECG for men over."
    )
    ecg_women_over_age: int = setting(
        50, source="medscape-lipo-workup", unit="years", lo=18, hi=90, doc="ECG for women over."
    )
    pregnancy_test_max_age: int = setting(
        55,
        source=_POL,
        unit="years",
        lo=40,
        hi=70,
        doc="Offer a pregnancy test to women up to this age.",
    )
    # Recovery (days after the procedure; day 0 is the day of surgery)
    dressings_days: int = setting(
        7, source="aesthetic-society", unit="days", lo=1, hi=30, doc="Bandages and possible drains."
    )
    compression_days: int = setting(
        42, source=_REC, unit="days", lo=7, hi=120, doc="Compression garment worn."
    )
    no_pressure_on_grafts_days: int = setting(
        21, source=_REC, unit="days", lo=7, hi=60, doc="No sitting or lying on grafts."
    )
    driving_days_min: int = setting(
        2, source=_REC, unit="days", lo=1, hi=30, doc="Earliest driving."
    )
    driving_days_max: int = setting(4, source=_REC, unit="days", lo=1, hi=30, doc="Usual driving.")
    desk_work_days: int = setting(
        14, source=_REC, unit="days", lo=3, hi=60, doc="Back to desk work."
    )
    light_exercise_days: int = setting(
        28, source=_REC, unit="days", lo=7, hi=120, doc="Light, low-impact exercise."
    )
    normal_activity_days: int = setting(
        42, source=_REC, unit="days", lo=14, hi=180, doc="Normal activity and training."
    )
    final_result_days_min: int = setting(
        90, source=_REC, unit="days", lo=30, hi=365, doc="Earliest final-result check."
    )
    final_result_days_max: int = setting(
        180, source=_REC, unit="days", lo=30, hi=365, doc="Latest final-result check."
    )
    followup_days: tuple[int, ...] = setting(
        (1, 7, 14, 42, 90), source=_POL, unit="days", lo=1, hi=365, doc="Follow-up visits."
    )
    photo_session_weeks: tuple[int, ...] = setting(
        (1, 2, 4, 6, 12), source=_POL, unit="weeks", lo=1, hi=52, doc="Post-op photos."
    )
    # Triage
    fever_c: float = setting(
        38.0, source="red-flags", unit="°C", lo=37.5, hi=39.5, doc="Fever threshold."
    )
    pain_rise_after_day: int = setting(
        3,
        source="red-flags",
        unit="days",
        lo=1,
        hi=14,
        doc="From this day on, rising pain raises the triage level.",
    )
    pain_rise_min_points: int = setting(
        1, source=_POL, unit="points", lo=1, hi=5, doc="Pain increase that counts as rising."
    )
