"""Between a clinic's stored overrides and the values its settings form shows: the value of
every setting, the overrides that a set of values means (only what differs from the
default is stored), values as people read them, and the care layer's refusals in plain
words. Nothing here reads the database."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from hipdip.care.settings_defs import Kind, SettingDef, setting_definitions
from hipdip.web.clinic.care import settings_from_overrides

HOLDS = "hold_days"


def definitions_by_key() -> dict[str, SettingDef]:
    return {d.key: d for d in setting_definitions()}


def current_values(overrides: Mapping[str, Any]) -> dict[str, Any]:
    """The value of every setting under these overrides (defaults where none)."""
    settings = settings_from_overrides(overrides)
    values: dict[str, Any] = {}
    for d in setting_definitions():
        if d.key.startswith(HOLDS + "."):
            values[d.key] = settings.hold_days[d.key.split(".", 1)[1]]
        else:
            values[d.key] = getattr(settings, d.key)
    return values


def overrides_from_values(
    values: Mapping[str, Any], *, previous: Mapping[str, Any]
) -> dict[str, Any]:
    """The overrides meaning ``values``: only settings that differ from their default are
    kept. Settings not in ``values`` (e.g. symptom lists, not on the form) keep their
    ``previous`` override."""
    defs = definitions_by_key()
    out: dict[str, Any] = {}
    holds: dict[str, int] = {}
    for key, d in defs.items():
        if key not in values:
            if key in previous:
                out[key] = previous[key]
            elif key.startswith(HOLDS + ".") and key.split(".", 1)[1] in previous.get(HOLDS, {}):
                holds[key.split(".", 1)[1]] = previous[HOLDS][key.split(".", 1)[1]]
            continue
        value = values[key]
        if _same(value, d.default):
            continue
        if key.startswith(HOLDS + "."):
            holds[key.split(".", 1)[1]] = value
        else:
            out[key] = list(value) if isinstance(value, tuple | frozenset | set) else value
    if holds:
        out[HOLDS] = holds
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return list(a) == list(b)
    if isinstance(a, frozenset | set) or isinstance(b, frozenset | set):
        return set(a) == set(b)
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return bool(a == b)


def shown(value: Any, kind: Kind | None = None) -> str:
    """A value as people read it: 0.5, 38, yes/no, 1, 7, 14."""
    if isinstance(value, bool) or kind is Kind.YES_NO:
        return "yes" if value else "no"
    if isinstance(value, frozenset | set):
        return ", ".join(sorted(str(v).replace("_", " ") for v in value))
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def display_unit(d: SettingDef) -> tuple[str, float]:
    """The unit a setting is shown and typed in, and the factor from the stored value: a
    share (0-1, no unit) is shown as a percentage."""
    if d.kind is Kind.NUMBER and not d.unit and d.hi is not None and d.hi <= 1:
        return "%", 100.0
    return d.unit, 1.0


def to_display(d: SettingDef, value: Any) -> Any:
    _unit_name, factor = display_unit(d)
    if factor == 1.0 or isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return round(value * factor, 6)


def from_display(d: SettingDef, value: Any) -> Any:
    _unit_name, factor = display_unit(d)
    if factor == 1.0 or value is None or isinstance(value, bool):
        return value
    return round(value / factor, 8)


#: Units written as words, in the singular for a value of exactly 1 ("1 day", not "1 days").
_SINGULAR = {"days": "day", "weeks": "week", "years": "year", "points": "point"}


def unit_for(d: SettingDef, value: Any) -> str:
    """The display unit to write after ``value``: singular for exactly 1."""
    unit = display_unit(d)[0]
    shown_value = to_display(d, value)
    is_one = not isinstance(shown_value, bool) and shown_value == 1
    return _SINGULAR.get(unit, unit) if is_one else unit


def shown_setting(d: SettingDef, value: Any, *, with_unit: bool = False) -> str:
    """A setting's value as people read it, in its display unit (50 for a share of 0.5)."""
    text = shown(to_display(d, value), d.kind)
    unit = unit_for(d, value)
    return f"{text} {unit}" if with_unit and unit and d.kind is not Kind.YES_NO else text


def display_range(d: SettingDef) -> tuple[float, float] | None:
    if d.lo is None or d.hi is None:
        return None
    return to_display(d, float(d.lo)), to_display(d, float(d.hi))


def changes_between(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[str]]:
    """Setting key -> [before, after] (as shown) for each setting whose value differs."""
    old, new = current_values(before), current_values(after)
    defs = definitions_by_key()
    return {
        key: [
            shown_setting(defs[key], old[key], with_unit=True),
            shown_setting(defs[key], new[key], with_unit=True),
        ]
        for key in defs
        if not _same(old[key], new[key])
    }


_ORDER = re.compile(r"setting (\w+) \(([^)]*)\) must not be greater than (\w+) \(([^)]*)\)")
_NAMED = re.compile(r"(?:setting |hold_days\[)(\w+)")


def plain_error(exc: ValueError) -> tuple[str | None, str]:
    """The setting a care-layer refusal is about (its key, if known) and a plain sentence."""
    defs = definitions_by_key()
    text = str(exc)
    order = _ORDER.search(text)
    if order:
        a, av, b, bv = order.groups()
        la, lb = (defs[a].label if a in defs else a), (defs[b].label if b in defs else b)
        return a, f"“{la}” ({av}) cannot be more than “{lb}” ({bv})."
    named = _NAMED.search(text)
    key = named.group(1) if named else None
    if key is not None and text.startswith("hold_days["):
        key = f"{HOLDS}.{key}"
    if key in defs:
        d = defs[key]
        bounds = display_range(d)
        if bounds is not None:
            lo, hi = bounds
            return key, f"“{d.label}” must be between {lo:g} and {hi:g}{_unit(d)}."
        return key, f"“{d.label}” is not a value we can use."
    return None, "These settings do not fit together; please check the values."


def _unit(d: SettingDef) -> str:
    unit = display_unit(d)[0]
    return f" {unit}" if unit else ""
