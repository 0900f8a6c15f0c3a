"""The bridge to the care layer: builds a ``ClinicSettings`` from a clinic's stored
overrides, and checks time-zone names. Nothing here reads the database (the readers are
in :mod:`hipdip.web.clinic.selectors`).

``hipdip.care`` reads no settings; the web layer builds its config here, once, and passes
it down explicitly (STYLE.md).
"""

from __future__ import annotations

import functools
import json
import zoneinfo
from collections.abc import Mapping
from typing import Any

from hipdip.care.settings import ClinicSettings


@functools.lru_cache(maxsize=64)
def _cached(frozen: str) -> ClinicSettings:
    return ClinicSettings.from_mapping(json.loads(frozen))


def settings_from_overrides(overrides: Mapping[str, Any]) -> ClinicSettings:
    """The care defaults with a clinic's ``overrides`` applied; ``ValueError`` names a bad
    setting. (Results are cached: ``ClinicSettings`` is immutable.)"""
    if not isinstance(overrides, Mapping):
        raise ValueError("clinic settings must be a mapping of setting name to value")
    if not overrides:
        return _cached("{}")
    return _cached(json.dumps(dict(overrides), sort_keys=True, default=list))


@functools.lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def timezone_error(name: str | None) -> str | None:
    """None if ``name`` is a known IANA time zone, else a sentence saying what is wrong."""
    if not name:
        return "Choose a time zone."
    if name not in _zones():
        return f"“{name[:64]}” is not a time zone we know; pick one such as Europe/London."
    return None


def timezone_choices() -> list[tuple[str, str]]:
    """Every IANA zone as (value, label), grouped by region in alphabetical order."""
    names = sorted(z for z in _zones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    return [("UTC", "UTC"), *((n, n.replace("_", " ")) for n in names)]
