"""The procedure record next to the approved plan, row by row.

Differences are stated, not judged: the surgeon decides on the day. The measured share
of usable fat (injected / harvested) is shown next to the clinic's processing-yield
setting, which is how a clinic learns whether to change that setting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hipdip.care.findings import Finding
from hipdip.care.grafting import DONOR_SITES, InjectionPlane
from hipdip.care.processing import centrifuge_findings
from hipdip.care.settings import ClinicSettings
from hipdip.web.plans.models import ANAESTHESIA_LABELS, ProcedureRecord, Processing
from hipdip.web.plans.selectors import plane_label


@dataclass(frozen=True)
class Row:
    label: str
    planned: str
    done: str
    note: str = ""
    flag: str = "same"  # same | differs | warn | info


def _ml(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f} mL"


def _diff(target: float, actual: float) -> str:
    if target <= 0:
        return ""
    delta = actual - target
    return f"{delta:+,.0f} mL ({delta / target:+.0%}) against the plan"


def compare(
    snapshot: dict[str, Any], record: ProcedureRecord, settings: ClinicSettings
) -> tuple[list[Row], tuple[Finding, ...]]:
    """Rows of plan versus record, and any finding about the recorded processing."""
    rows: list[Row] = []
    planned_date = snapshot.get("surgery_date")
    rows.append(
        Row(
            "Date",
            f"{dt.date.fromisoformat(planned_date):%d %b %Y}" if planned_date else "not set",
            f"{record.performed_on:%d %b %Y}",
            flag="same" if planned_date == record.performed_on.isoformat() else "differs",
        )
    )
    planned_an = snapshot["anaesthesia"]["value"]
    rows.append(
        Row(
            "Anaesthesia",
            snapshot["anaesthesia"]["label"],
            ANAESTHESIA_LABELS.get(record.anaesthesia, record.anaesthesia),
            flag="same" if planned_an == record.anaesthesia else "differs",
        )
    )
    rows.append(_donor_row(snapshot, record))
    rows.extend(_side_rows(snapshot, record))
    rows.append(_yield_row(record, settings))
    rows.append(
        Row(
            "Duration",
            f"about {snapshot['duration_min']} min",
            f"{record.duration_min} min",
            flag="info",
        )
    )
    findings: tuple[Finding, ...] = ()
    if record.processing == Processing.CENTRIFUGATION and record.centrifuge_g:
        findings = centrifuge_findings(force_g=record.centrifuge_g, settings=settings)
    rows.append(
        Row(
            "Processing",
            f"yield assumed {settings.processing_yield:.0%}",
            _processing(record),
            note=findings[0].staff_text if findings else "",
            flag="warn" if findings else "info",
        )
    )
    return rows, findings


def _donor_row(snapshot: dict[str, Any], record: ProcedureRecord) -> Row:
    planned_sites = {d["slug"] for d in snapshot.get("donor_sites", [])}
    done = ", ".join(
        f"{DONOR_SITES[k].name if k in DONOR_SITES else k} {v:,} mL"
        for k, v in sorted(record.harvest.items())
    )
    target = float(snapshot.get("target_aspirate_ml") or 0)
    total = float(record.total_harvest_ml)
    return Row(
        "Donor sites and lipoaspirate",
        ", ".join(d["name"] for d in snapshot.get("donor_sites", [])) or "not chosen",
        f"{done} (total {total:,.0f} mL)",
        note=f"planned about {target:,.0f} mL; " + _diff(target, total) if target else "",
        flag="same" if planned_sites == set(record.harvest) else "differs",
    )


def _side_rows(snapshot: dict[str, Any], record: ProcedureRecord) -> list[Row]:
    rows = []
    for side in snapshot.get("sides", []):
        name = side["side"]
        actual = getattr(record, f"injected_{name}_ml")
        target = float(side["target_ml"])
        rng = side["injected"]
        inside = actual is not None and rng["low_ml"] <= actual <= rng["high_ml"]
        note = _diff(target, float(actual)) if actual is not None else "not grafted"
        if actual is not None and rng["high_ml"] > 0:
            note += (
                "; "
                + ("within" if inside else "outside")
                + (f" the estimated range {rng['low_ml']:,.0f}–{rng['high_ml']:,.0f} mL")
            )
        rows.append(
            Row(
                f"Injected, {name}",
                _ml(target),
                _ml(actual),
                note=note,
                flag="same"
                if inside or (actual is not None and round(actual) == round(target))
                else "differs",
            )
        )
        plane_done = getattr(record, f"plane_{name}")
        deep = plane_done not in ("", InjectionPlane.SUBCUTANEOUS)
        rows.append(
            Row(
                f"Plane, {name}",
                plane_label(side.get("plane", "")),
                plane_label(plane_done) if plane_done else "—",
                note="Deep placement recorded: watch closely for signs of fat embolism."
                if deep
                else "",
                flag="warn" if deep else ("same" if plane_done == side.get("plane") else "differs"),
            )
        )
    return rows


def _yield_row(record: ProcedureRecord, settings: ClinicSettings) -> Row:
    injected = (record.injected_left_ml or 0) + (record.injected_right_ml or 0)
    harvest = record.total_harvest_ml
    share = injected / harvest if harvest else None
    return Row(
        "Usable fat (injected ÷ harvested)",
        f"{settings.processing_yield:.0%} (clinic setting)",
        f"{share:.0%}" if share is not None else "—",
        note="Consistently different figures are a reason to review the clinic's "
        "processing-yield setting.",
        flag="info",
    )


def _processing(record: ProcedureRecord) -> str:
    label = Processing(record.processing).label
    if record.processing != Processing.CENTRIFUGATION:
        return str(label)
    parts = [str(label)]
    if record.centrifuge_rpm:
        parts.append(f"{record.centrifuge_rpm:,} rpm")
    if record.rotor_radius_cm:
        parts.append(f"rotor {record.rotor_radius_cm} cm")
    if record.centrifuge_g:
        parts.append(f"≈ {record.centrifuge_g:,} g")
    if record.centrifuge_minutes:
        parts.append(f"{record.centrifuge_minutes} min")
    return ", ".join(parts)
