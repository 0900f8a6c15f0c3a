"""Findings, their severity and the surgeon's overrides.

A :class:`Finding` is one thing the clinic should know before planning surgery. A
"stop" finding blocks a treatment plan until a surgeon resolves it with a recorded
reason (:class:`Override`): the product informs and organises; the surgeon decides.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = [
    "Finding",
    "Override",
    "Severity",
    "apply_overrides",
    "has_unresolved_stop",
    "unresolved_stops",
]


class Severity(StrEnum):
    """How a finding weighs on the decision to operate."""

    INFO = "info"  # good to know
    CAUTION = "caution"  # discuss; may need a precaution
    STOP = "stop"  # no plan until a surgeon resolves it

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.CAUTION: 1, Severity.STOP: 2}


@dataclass(frozen=True, slots=True, kw_only=True)
class Override:
    """A surgeon's recorded decision to proceed despite a finding."""

    code: str
    reason: str
    surgeon: str
    decided_on: date | None = None

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise ValueError(f"an override of {self.code!r} needs a reason")
        if not self.surgeon.strip():
            raise ValueError(f"an override of {self.code!r} needs the surgeon's name")


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One screening result: staff text, patient text (plain, kind) and its source."""

    code: str
    severity: Severity
    staff_text: str
    patient_text: str
    source_id: str
    override: Override | None = None

    @property
    def resolved(self) -> bool:
        """True once a surgeon has overridden this finding."""
        return self.override is not None


def apply_overrides(
    findings: Iterable[Finding], overrides: Iterable[Override]
) -> tuple[Finding, ...]:
    """Attach each override to the finding with the same code.

    An override whose code no longer appears (the intake changed) is ignored: it is a
    record of a past decision and resolves nothing new.
    """
    by_code = {o.code: o for o in overrides}
    return tuple(
        dataclasses.replace(f, override=by_code[f.code]) if f.code in by_code else f
        for f in findings
    )


def unresolved_stops(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The "stop" findings no surgeon has overridden."""
    return tuple(f for f in findings if f.severity is Severity.STOP and not f.resolved)


def has_unresolved_stop(findings: Iterable[Finding]) -> bool:
    """True when any "stop" finding is still unresolved."""
    return bool(unresolved_stops(findings))
