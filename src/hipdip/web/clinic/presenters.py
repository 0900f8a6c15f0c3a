"""What the clinic's settings pages show: every clinical number with its plain label,
value, default, unit, allowed range and source (as a citation people can look up), and
the history of saved versions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from hipdip.care.settings_defs import Kind, SettingDef, setting_definitions
from hipdip.care.sources import SourceStrength, get_source
from hipdip.web.clinic.forms import field_name
from hipdip.web.clinic.models import SettingsVersion
from hipdip.web.clinic.setting_values import (
    current_values,
    definitions_by_key,
    display_range,
    display_unit,
    shown_setting,
    unit_for,
)

_STRENGTH = {
    SourceStrength.PAPER: "Published study",
    SourceStrength.GUIDELINE: "Guideline",
    SourceStrength.SECONDARY: "Common clinic practice",
    SourceStrength.ASSUMPTION: "Product default with no published figure",
    SourceStrength.CLINIC: "Your clinic",
}


def plain_citation(source_id: str) -> tuple[str, str]:
    """(citation, kind of source) for a source id, without internal notes or file names."""
    try:
        source = get_source(source_id)
    except KeyError:
        return "", ""
    text = source.citation
    text = re.sub(r"\s*\[S\]", "", text)
    text = re.sub(r"\s*\([^)]*\.md\b[^)]*\)", "", text)  # internal file names
    text = re.sub(r"\s*compiled in CLINICAL\.md", " compiled", text)
    text = re.sub(r";?\s*needs a clinician's sign-off before real use", "", text)
    text = text.replace("CLINICAL.md", "the clinical notes").strip()
    return text, _STRENGTH.get(source.strength, "")


def plain_doc(doc: str) -> str:
    return re.sub(r"\s*\[S\]", "", doc).strip()


@dataclass(frozen=True)
class SettingRow:
    d: SettingDef
    value: str
    default: str
    changed: bool
    citation: str
    source_kind: str
    field: Any  # the bound form field, or None on the read-only page
    current: Any = None  # the stored value behind ``value``

    @property
    def unit(self) -> str:
        return display_unit(self.d)[0]

    @property
    def value_unit(self) -> str:
        """The unit after the current value ("1 day", "2 days")."""
        return unit_for(self.d, self.current)

    @property
    def default_unit(self) -> str:
        """The unit after the default value."""
        return unit_for(self.d, self.d.default)

    @property
    def range(self) -> str:
        bounds = display_range(self.d)
        if bounds is None:
            return ""
        unit = f" {self.unit}" if self.unit else ""
        return f"{bounds[0]:g}–{bounds[1]:g}{unit}"

    @property
    def doc(self) -> str:
        return plain_doc(self.d.doc)


def settings_groups(
    overrides: dict[str, Any], form: Any = None
) -> list[tuple[str, list[SettingRow]]]:
    """The settings in groups, each row with its value under ``overrides``."""
    values = current_values(overrides)
    groups: dict[str, list[SettingRow]] = {}
    for d in setting_definitions():
        citation, kind = plain_citation(d.source_id)
        changed = shown_setting(d, values[d.key]) != shown_setting(d, d.default)
        editable = form is not None and d.kind is not Kind.CODES
        groups.setdefault(d.group, []).append(
            SettingRow(
                d=d,
                value=shown_setting(d, values[d.key]),
                default=shown_setting(d, d.default),
                changed=changed,
                citation=citation,
                source_kind=kind,
                field=form[field_name(d.key)] if editable else None,
                current=values[d.key],
            )
        )
    return list(groups.items())


@dataclass(frozen=True)
class VersionRow:
    version: SettingsVersion
    changes: list[tuple[str, str, str]]  # label, before, after


def version_rows(versions: list[SettingsVersion]) -> list[VersionRow]:
    defs = definitions_by_key()
    return [
        VersionRow(
            version=v,
            changes=[
                (defs[k].label if k in defs else k, before, after)
                for k, (before, after) in (v.changes or {}).items()
            ],
        )
        for v in versions
    ]
