"""Validation of :class:`hipdip.care.settings.ClinicSettings`.

Checks each value against the range in its field metadata, then the relations between
settings (low <= expected <= high retention, light exercise before normal activity...).
Every failure is a ``ValueError`` that names the setting and the allowed range.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from hipdip.care._settings_fields import (
    DEFAULT_EMERGENCY,
    DEFAULT_ROUTINE,
    DEFAULT_URGENT,
    HOLD_DEFAULTS,
)

__all__ = ["validate_settings"]


def validate_settings(settings: Any) -> None:
    """Raise ``ValueError`` if any setting is out of range or inconsistent."""
    for f in dataclasses.fields(settings):
        _check_range(f.name, getattr(settings, f.name), f.metadata)
    _check_holds(settings.hold_days)
    _check_order(settings)
    _check_symptoms(settings)


def _check_range(name: str, value: Any, meta: Mapping[str, Any]) -> None:
    lo, hi = meta.get("min"), meta.get("max")
    if lo is None or hi is None or isinstance(value, bool):
        return
    values = value if isinstance(value, tuple) else (value,)
    for v in values:
        if isinstance(v, int | float) and not lo <= v <= hi:
            unit = f" {meta['unit']}" if meta.get("unit") else ""
            raise ValueError(f"setting {name} must be between {lo} and {hi}{unit}, got {v}")


def _check_holds(holds: Mapping[str, int]) -> None:
    unknown = sorted(set(holds) - set(HOLD_DEFAULTS))
    if unknown:
        raise ValueError(
            f"unknown hold key(s) {', '.join(unknown)}; valid keys are: "
            f"{', '.join(sorted(HOLD_DEFAULTS))}"
        )
    missing = sorted(set(HOLD_DEFAULTS) - set(holds))
    if missing:
        raise ValueError(f"hold_days is missing {', '.join(missing)}")
    for key, days in holds.items():
        if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 60:
            raise ValueError(f"hold_days[{key}] must be a whole number of days 0-60, got {days!r}")


_ORDERED: tuple[tuple[str, str], ...] = (
    ("graft_retention_low", "graft_retention_expected"),
    ("graft_retention_expected", "graft_retention_high"),
    ("bmi_caution_from", "bmi_stop_above"),
    ("centrifuge_recommended_g", "centrifuge_max_g"),
    ("dip_present_mm", "small_dip_mm"),
    ("fasting_clear_fluids_hours", "fasting_solids_hours"),
    ("driving_days_min", "driving_days_max"),
    ("dressings_days", "compression_days"),
    ("desk_work_days", "light_exercise_days"),
    ("light_exercise_days", "normal_activity_days"),
    ("final_result_days_min", "final_result_days_max"),
)


def _check_order(settings: Any) -> None:
    for smaller, larger in _ORDERED:
        a, b = getattr(settings, smaller), getattr(settings, larger)
        if a > b:
            raise ValueError(f"setting {smaller} ({a}) must not be greater than {larger} ({b})")
    for name in ("followup_days", "photo_session_weeks"):
        days = getattr(settings, name)
        if not days or list(days) != sorted(set(days)):
            raise ValueError(f"setting {name} must be a non-empty increasing list, got {days}")


_LEVEL_FIELDS = ("emergency_symptoms", "urgent_symptoms", "routine_symptoms")


def _check_symptoms(settings: Any) -> None:
    """Each known symptom sits at exactly one level, never below its default level."""
    defaults = (DEFAULT_EMERGENCY, DEFAULT_URGENT, DEFAULT_ROUTINE)
    known = frozenset().union(*defaults)
    levels: list[frozenset[str]] = [getattr(settings, name) for name in _LEVEL_FIELDS]
    for name, codes in zip(_LEVEL_FIELDS, levels, strict=True):
        unknown = sorted(codes - known)
        if unknown:
            raise ValueError(f"{name} has unknown symptom code(s) {', '.join(unknown)}")
    for code in sorted(known):
        where = [i for i, codes in enumerate(levels) if code in codes]
        names = ", ".join(_LEVEL_FIELDS[i] for i in where)
        if len(where) != 1:
            raise ValueError(
                f"symptom {code} must be in exactly one level, found in: {names or 'none'}"
            )
        default_level = next(i for i, codes in enumerate(defaults) if code in codes)
        if where[0] > default_level:
            raise ValueError(
                f"symptom {code} cannot be moved below {_LEVEL_FIELDS[default_level]}; a clinic "
                "may raise a symptom's triage level but never lower it"
            )
