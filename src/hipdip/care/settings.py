"""Every clinical number the care layer uses, in one place, with its source.

:class:`ClinicSettings` holds the product defaults from ``shared/CLINICAL.md``. Each
field carries its source id, unit, allowed range and a one-line reason in the dataclass
field metadata (see :func:`describe`). A clinic overrides values with
:meth:`ClinicSettings.with_overrides` or :meth:`ClinicSettings.from_mapping`; both
validate every value and raise ``ValueError`` naming the setting. Nothing here reads
Django settings or the environment: the web layer builds a ``ClinicSettings`` and
passes it down explicitly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from hipdip.care._settings_checks import validate_settings
from hipdip.care._settings_fields import (
    DEFAULT_EMERGENCY,
    DEFAULT_ROUTINE,
    DEFAULT_URGENT,
    HOLD_DEFAULTS,
    ClinicalFacts,
    setting,
)

__all__ = [
    "HOLD_DEFAULTS",
    "ClinicSettings",
    "SettingInfo",
    "describe",
    "hold_source",
]


def _holds() -> Mapping[str, int]:
    return MappingProxyType({k: days for k, (days, _src) in HOLD_DEFAULTS.items()})


@dataclass(frozen=True, kw_only=True)
class ClinicSettings(ClinicalFacts):
    """Clinical defaults a clinic may override; validated on creation.

    Scalar fields are declared in :class:`~hipdip.care._settings_fields.ClinicalFacts`.
    ``hold_days`` maps a medication/supplement hold key (see ``HOLD_DEFAULTS``) to days
    before surgery. The three symptom sets assign each check-in symptom code a triage
    level; a clinic may raise a symptom's level but never lower an emergency one.
    """

    hold_days: Mapping[str, int] = field(
        default_factory=_holds,
        metadata={
            "source": "per key, see HOLD_DEFAULTS",
            "unit": "days",
            "min": 0,
            "max": 60,
            "doc": "Days before surgery to stop each medication or supplement.",
        },
    )
    emergency_symptoms: frozenset[str] = setting(
        DEFAULT_EMERGENCY, source="red-flags", doc="Call emergency services now."
    )
    urgent_symptoms: frozenset[str] = setting(
        DEFAULT_URGENT, source="red-flags", doc="Call the clinic today."
    )
    routine_symptoms: frozenset[str] = setting(
        DEFAULT_ROUTINE, source="red-flags", doc="Expected healing; mention at the next visit."
    )

    def __post_init__(self) -> None:
        # Freeze containers a caller may have passed as dict/set/list.
        object.__setattr__(self, "hold_days", MappingProxyType(dict(self.hold_days)))
        for name in ("emergency_symptoms", "urgent_symptoms", "routine_symptoms"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))
        for name in ("followup_days", "photo_session_weeks"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        validate_settings(self)

    def with_overrides(self, **overrides: Any) -> ClinicSettings:
        """Return a copy with ``overrides`` applied and validated.

        ``hold_days`` is merged key by key into the current holds, so a clinic can change
        one hold without restating the others. Symptom sets and day lists are replaced.
        Unknown names raise ``ValueError`` listing the valid ones.
        """
        known = {f.name: f for f in dataclasses.fields(self)}
        unknown = sorted(set(overrides) - set(known))
        if unknown:
            raise ValueError(
                f"unknown clinic setting(s) {', '.join(unknown)}; "
                f"valid names are: {', '.join(sorted(known))}"
            )
        changes = {
            name: _coerce(name, value, getattr(self, name)) for name, value in overrides.items()
        }
        if "hold_days" in changes:
            changes["hold_days"] = MappingProxyType({**self.hold_days, **changes["hold_days"]})
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> ClinicSettings:
        """Build settings from a plain mapping (e.g. JSON stored by the clinic)."""
        if not isinstance(data, Mapping):
            raise ValueError(f"clinic settings must be a mapping, got {type(data).__name__}")
        return cls().with_overrides(**dict(data))


def _coerce(name: str, value: Any, current: Any) -> Any:
    """Convert ``value`` to the type of the current setting or raise ``ValueError``."""
    if isinstance(current, bool):
        if not isinstance(value, bool):
            raise ValueError(f"setting {name} must be true or false, got {value!r}")
        return value
    if isinstance(current, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"setting {name} must be a number, got {value!r}")
        return float(value)
    if isinstance(current, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"setting {name} must be a whole number, got {value!r}")
        return value
    if isinstance(current, frozenset):
        return _coerce_codes(name, value)
    if isinstance(current, tuple):
        return _coerce_ints(name, value)
    if isinstance(current, Mapping):
        if not isinstance(value, Mapping):
            raise ValueError(f"setting {name} must be a mapping of name to days")
        return {str(k): _coerce(f"{name}[{k}]", v, 0) for k, v in value.items()}
    raise ValueError(f"setting {name} cannot be overridden")  # pragma: no cover


def _coerce_codes(name: str, value: Any) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValueError(f"setting {name} must be a list of symptom codes, got {value!r}")
    codes = frozenset(value)
    if not all(isinstance(c, str) for c in codes):
        raise ValueError(f"setting {name} must contain only symptom code strings")
    return codes


def _coerce_ints(name: str, value: Any) -> tuple[int, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValueError(f"setting {name} must be a list of whole numbers, got {value!r}")
    items = tuple(value)
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in items):
        raise ValueError(f"setting {name} must contain only whole numbers, got {items!r}")
    return items


@dataclass(frozen=True, slots=True, kw_only=True)
class SettingInfo:
    """One setting as shown on a clinic's settings page."""

    name: str
    value: Any
    default: Any
    unit: str
    source_id: str
    doc: str


def describe(settings: ClinicSettings) -> tuple[SettingInfo, ...]:
    """List every setting with its current value, default, unit, source and reason."""
    defaults = ClinicSettings()
    return tuple(
        SettingInfo(
            name=f.name,
            value=getattr(settings, f.name),
            default=getattr(defaults, f.name),
            unit=f.metadata.get("unit", ""),
            source_id=f.metadata.get("source", ""),
            doc=f.metadata.get("doc", ""),
        )
        for f in dataclasses.fields(settings)
    )


def hold_source(key: str, settings: ClinicSettings) -> str:
    """Source id for a hold: the default's source, or ``clinic-settings`` if overridden."""
    days, source = HOLD_DEFAULTS[key]
    return source if settings.hold_days.get(key) == days else "clinic-settings"
