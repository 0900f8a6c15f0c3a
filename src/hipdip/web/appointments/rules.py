"""The product defaults of booking, as named data: how long before a visit a patient may
still book, move or cancel it themselves, how far ahead they may book, and the visit types
every clinic starts with. A clinic overrides the booking rules in its ``BookingRules``
row and edits its types; these are only the starting point.

Source: hipdip product policy (not clinical numbers); durations follow common practice
for body-contouring clinics and are meant to be adjusted by each clinic.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Patients book, move or cancel at least this many hours before the visit starts.
DEFAULT_NOTICE_HOURS = 24
#: Patients book at most this many days ahead.
DEFAULT_HORIZON_DAYS = 90
#: Bounds a clinic's own values must stay within.
NOTICE_HOURS_MAX = 14 * 24
HORIZON_DAYS_MAX = 365
#: The longest range of days one slot search covers (keeps each answer small).
MAX_SEARCH_DAYS = 31


@dataclass(frozen=True)
class TypeDefault:
    """One visit type a new clinic gets."""

    key: str
    kind: str
    name: str
    duration_minutes: int
    patient_bookable: bool
    followup_day: int | None = None


#: The visit types every clinic starts with (follow-ups are added per recovery milestone,
#: see ``FOLLOWUP_MINUTES``).
DEFAULT_TYPES: tuple[TypeDefault, ...] = (
    TypeDefault("consultation", "consultation", "Consultation", 45, True),
    TypeDefault("preop", "preop", "Pre-op visit", 30, False),
    TypeDefault("procedure", "procedure", "Procedure", 240, False),
    TypeDefault("training_review", "training_review", "Training review", 30, False),
)
#: Length of each follow-up visit; one type per follow-up day of the clinic's recovery
#: milestones (``ClinicSettings.followup_days``), which patients book themselves.
FOLLOWUP_MINUTES = 20


def type_defaults(followup_days: tuple[int, ...]) -> tuple[TypeDefault, ...]:
    """Every visit type a clinic starts with: the fixed ones, then one follow-up per
    follow-up day of its recovery milestones."""
    followups = tuple(
        TypeDefault(
            f"followup_day_{d}",
            "followup",
            f"Follow-up visit (day {d})",
            FOLLOWUP_MINUTES,
            True,
            followup_day=d,
        )
        for d in sorted(set(followup_days))
    )
    return DEFAULT_TYPES + followups
