"""What the clinic's settings page shows: every clinical number with its default,
unit and source."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hipdip.care.settings import HOLD_DEFAULTS, describe
from hipdip.web.clinic.selectors import care_settings_for, source_citation


def settings_rows(clinic: Any) -> list[dict[str, Any]]:
    """The clinic's settings as rows for its settings page (``care.settings.describe``)."""
    rows = []
    for info in describe(care_settings_for(clinic)):
        if isinstance(info.value, Mapping):
            for key, days in sorted(info.value.items()):
                default = info.default.get(key)
                rows.append(_row(f"hold_days.{key}", days, default, "days", "", info.doc))
            continue
        rows.append(_row(info.name, info.value, info.default, info.unit, info.source_id, info.doc))
    return rows


def _row(name: str, value: Any, default: Any, unit: str, source: str, doc: str) -> dict[str, Any]:
    if name.startswith("hold_days."):
        source = HOLD_DEFAULTS[name.split(".", 1)[1]][1]
    changed = value != default
    return {
        "name": name,
        "value": _shown(value),
        "default": _shown(default),
        "unit": unit,
        "changed": changed,
        "source_id": "clinic-settings" if changed else source,
        "citation": source_citation("clinic-settings" if changed else source) if source else "",
        "doc": doc,
    }


def _shown(value: Any) -> str:
    if isinstance(value, frozenset | set):
        return ", ".join(sorted(str(v).replace("_", " ") for v in value))
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
