"""The editable clinical settings, one definition each, for a form to be generated from.

Every field of :class:`~hipdip.care.settings.ClinicSettings` becomes a
:class:`SettingDef` (the per-medication holds one per hold key), carrying a plain label,
its group, unit, allowed range, default, source id and reason. The label and group come
from the field's metadata (``setting(..., label=..., group=...)``), else from the table
below, else from the field name, so a setting added to the data table appears in the
clinic's form without any form code changing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from hipdip.care._settings_fields import HOLD_DEFAULTS
from hipdip.care.settings import ClinicSettings

__all__ = ["GROUPS", "Kind", "SettingDef", "setting_definitions"]


class Kind(StrEnum):
    """How a setting is entered."""

    NUMBER = "number"  # a decimal number
    WHOLE = "whole"  # a whole number
    YES_NO = "yes_no"
    WHOLE_LIST = "whole_list"  # whole numbers separated by commas
    CODES = "codes"  # a set of symptom codes (not edited in the form)


@dataclass(frozen=True, slots=True, kw_only=True)
class SettingDef:
    """One editable setting. ``key`` is its name in a clinic's overrides (``hold_days.aspirin``
    for one medication hold)."""

    key: str
    label: str
    group: str
    kind: Kind
    unit: str
    lo: float | None
    hi: float | None
    default: Any
    source_id: str
    doc: str


GROUPS: tuple[str, ...] = (
    "Graft planning",
    "Photos and measurement",
    "Candidacy",
    "Before surgery",
    "Medication and supplement holds",
    "Recovery",
    "Check-ins and alerts",
    "Other",
)

_G, _M, _C, _B = GROUPS[0], GROUPS[1], GROUPS[2], GROUPS[3]
_R, _T = GROUPS[5], GROUPS[6]

#: Plain labels and groups of the settings whose metadata names none.
_LABELS: Mapping[str, tuple[str, str]] = {
    "graft_retention_expected": ("Expected fat survival", _G),
    "graft_retention_low": ("Fat survival, cautious estimate", _G),
    "graft_retention_high": ("Fat survival, hopeful estimate", _G),
    "processing_yield": ("Usable fat after processing", _G),
    "deficit_ap_span_factor": ("Depth of the dip front to back", _G),
    "centrifuge_recommended_g": ("Recommended centrifuge force", _G),
    "centrifuge_max_g": ("Highest safe centrifuge force", _G),
    "large_volume_aspirate_ml": ("Large-volume liposuction from", _G),
    "duration_base_min": ("Operating time: set-up and closure", _G),
    "duration_per_grafted_side_min": ("Operating time per grafted side", _G),
    "duration_per_litre_aspirate_min": ("Operating time per litre harvested", _G),
    "height_tolerance_cm": ("Stated height may differ from the record by", _M),
    "bmi_caution_from": ("BMI to discuss risk from", _C),
    "bmi_stop_above": ("BMI above which we do not operate", _C),
    "min_age_years": ("Youngest age for surgery", _C),
    "unstable_weight_change_kg": ("Weight change that counts as unstable", _C),
    "dip_present_mm": ("Dip counts as present from", _C),
    "small_dip_mm": ("Small dip: talk about expectations below", _C),
    "nicotine_free_weeks_before": ("Nicotine-free before surgery", _C),
    "nicotine_free_weeks_after": ("Nicotine-free after surgery", _C),
    "dcq_cutoff": ("Body-image questionnaire: positive from", _C),
    "labs_due_days_before": ("Blood tests done by", _B),
    "arrangements_due_days_before": ("Driver and carer arranged by", _B),
    "fasting_solids_hours": ("No food before surgery", _B),
    "fasting_clear_fluids_hours": ("No clear fluids before surgery", _B),
    "fasting_from_midnight": ("Use 'nothing from midnight' instead", _B),
    "ecg_men_over_age": ("Heart tracing (ECG) for men over", _B),
    "ecg_women_over_age": ("Heart tracing (ECG) for women over", _B),
    "pregnancy_test_max_age": ("Offer a pregnancy test up to age", _B),
    "dressings_days": ("Dressings stay on for", _R),
    "compression_days": ("Compression garment worn for", _R),
    "no_pressure_on_grafts_days": ("No sitting or lying on the grafts for", _R),
    "driving_days_min": ("Earliest driving after", _R),
    "driving_days_max": ("Usual driving after", _R),
    "desk_work_days": ("Back to desk work after", _R),
    "light_exercise_days": ("Light exercise from", _R),
    "normal_activity_days": ("Normal activity and training from", _R),
    "final_result_days_min": ("Final result check, earliest", _R),
    "final_result_days_max": ("Final result check, latest", _R),
    "followup_days": ("Follow-up visits on days", _R),
    "photo_session_weeks": ("Progress photos in weeks", _R),
    "fever_c": ("Fever from", _T),
    "pain_rise_after_day": ("Rising pain counts from day", _T),
    "pain_rise_min_points": ("Pain rise that counts", _T),
    "emergency_symptoms": ("Symptoms that mean call emergency services", _T),
    "urgent_symptoms": ("Symptoms that mean call the clinic today", _T),
    "routine_symptoms": ("Symptoms that are expected healing", _T),
}


def _humanise(name: str) -> str:
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _kind(default: Any) -> Kind:
    if isinstance(default, bool):
        return Kind.YES_NO
    if isinstance(default, float):
        return Kind.NUMBER
    if isinstance(default, int):
        return Kind.WHOLE
    if isinstance(default, tuple):
        return Kind.WHOLE_LIST
    return Kind.CODES


def setting_definitions() -> tuple[SettingDef, ...]:
    """Every setting a clinic may change, in form order (groups, then declaration order)."""
    defaults = ClinicSettings()
    defs: list[SettingDef] = []
    for f in dataclasses.fields(defaults):
        meta, default = f.metadata, getattr(defaults, f.name)
        if f.name == "hold_days":
            defs.extend(_hold_defs(meta))
            continue
        label, group = _LABELS.get(f.name, (_humanise(f.name), GROUPS[-1]))
        defs.append(
            SettingDef(
                key=f.name,
                label=str(meta.get("label") or label),
                group=str(meta.get("group") or group),
                kind=_kind(default),
                unit=str(meta.get("unit") or ""),
                lo=meta.get("min"),
                hi=meta.get("max"),
                default=default,
                source_id=str(meta.get("source") or ""),
                doc=str(meta.get("doc") or ""),
            )
        )
    order = {g: i for i, g in enumerate(GROUPS)}
    return tuple(sorted(defs, key=lambda d: order.get(d.group, len(GROUPS))))


def _hold_defs(meta: Mapping[str, Any]) -> list[SettingDef]:
    return [
        SettingDef(
            key=f"hold_days.{key}",
            label=_hold_label(key),
            group=GROUPS[4],
            kind=Kind.WHOLE,
            unit="days",
            lo=meta.get("min"),
            hi=meta.get("max"),
            default=days,
            source_id=source,
            doc="Days before surgery to stop it.",
        )
        for key, (days, source) in HOLD_DEFAULTS.items()
    ]


def _hold_label(key: str) -> str:
    special = {
        "nsaid_default": "other anti-inflammatory painkillers",
        "herbal_default": "other herbal medicines",
        "st_johns_wort": "St John's wort",
        "vitamin_e": "vitamin E",
    }
    return "Stop " + (special.get(key) or key.replace("_", " "))
