"""Checking intake answers: each value on its own (drafts), then completeness (submission).

Answers arrive as form strings or JSON values and are stored as JSON: text as ``str``,
dates as ISO strings, numbers as ``float``, choices as their value, boxes as ``bool``,
medicines as a list of lines, allergies as a list of ``{"substance", "kind", "reaction"}``.
Every problem is a plain sentence for the person filling the form, keyed by question.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from hipdip.web.consultations.questions import (
    ALLERGY_KINDS,
    MAX_ALLERGIES,
    MAX_MEDICATIONS,
    Kind,
    Question,
)

#: Oldest plausible age, to catch a mistyped year.
MAX_AGE_YEARS = 120
_TRUE = {"1", "true", "on", "yes", "y"}
_FALSE = {"", "0", "false", "off", "no", "n"}


class Invalid(ValueError):
    """A value that cannot be stored; the message is shown next to the question."""


@dataclass
class Checked:
    """Cleaned values (``None`` means cleared) and a message per rejected question."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def check_values(
    raw: Mapping[str, Any], questions: Sequence[Question], *, today: dt.date
) -> Checked:
    """Clean every answer present in ``raw``; unknown names are ignored."""
    out = Checked()
    for q in questions:
        if q.name not in raw:
            continue
        try:
            out.values[q.name] = clean_value(q, raw[q.name], today=today)
        except Invalid as exc:
            out.errors[q.name] = str(exc)
    return out


def missing_answers(answers: Mapping[str, Any], questions: Iterable[Question]) -> dict[str, str]:
    """The questions a submission still needs, with a message each."""
    errors: dict[str, str] = {}
    for q in questions:
        if not q.is_needed(answers) or _answered(answers.get(q.name)):
            continue
        if q.kind is Kind.CONFIRM:
            errors[q.name] = "Please tick this box to send your answers."
        elif q.kind is Kind.ALLERGIES:
            errors[q.name] = "List your allergies, or tick “I have no known allergies”."
        elif q.kind is Kind.LINES:
            errors[q.name] = "List what you take, or tick “I take no medicines or supplements”."
        else:
            errors[q.name] = "Please answer this question."
    if answers.get("no_known_allergies") and answers.get("allergies"):
        errors["allergies"] = (
            "You ticked “no known allergies” and also listed some: untick the box or "
            "remove the rows."
        )
    if answers.get("no_medications") and answers.get("medications"):
        errors["medications"] = (
            "You ticked “no medicines” and also listed some: untick the box or clear the list."
        )
    return errors


def _answered(value: Any) -> bool:
    return not (value is None or value == "" or value == [] or value is False)


def clean_value(q: Question, value: Any, *, today: dt.date) -> Any:
    """One answer in its stored form, ``None`` for an empty answer; :class:`Invalid` else."""
    if q.kind in (Kind.CONFIRM, Kind.FLAG):
        return True if _bool(value) else None  # an unticked box is no answer
    if q.kind is Kind.LINES:
        return _lines(value) or None
    if q.kind is Kind.ALLERGIES:
        return _allergies(value) or None
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        return None
    if q.kind in (Kind.TEXT, Kind.LONGTEXT):
        return _text(value, q.max_length)
    if q.kind in (Kind.CHOICE, Kind.YESNO):
        return _choice(q, value)
    if q.kind is Kind.DECIMAL:
        return _decimal(q, value)
    if q.kind is Kind.DATE:
        return _birth_date(value, today=today)
    raise Invalid(f"Unsupported question kind {q.kind}.")  # pragma: no cover


def _text(value: Any, max_length: int) -> str:
    if not isinstance(value, str):
        raise Invalid("Please answer in words.")
    if len(value) > max_length:
        raise Invalid(f"Please shorten this answer to {max_length} characters or fewer.")
    return value


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise Invalid("Tick the box or leave it empty.")


def _choice(q: Question, value: Any) -> str:
    allowed = [c for c, _label in q.choices]
    text = str(value)
    if text not in allowed:
        raise Invalid("Please choose one of the options.")
    return text


def _decimal(q: Question, value: Any) -> float:
    if isinstance(value, bool):
        raise Invalid("Please enter a number.")
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise Invalid(f"Please enter a number{_in_unit(q)}.") from None
    if not number.is_finite():
        raise Invalid(f"Please enter a number{_in_unit(q)}.")
    if (q.lo is not None and number < q.lo) or (q.hi is not None and number > q.hi):
        raise Invalid(
            f"{q.short} must be between {q.lo:g} and {q.hi:g} {q.unit}; you entered "
            f"{number.normalize():f}. Please check it."
        )
    return float(round(number, 1))


def _in_unit(q: Question) -> str:
    return {"cm": " in centimetres", "kg": " in kilograms"}.get(q.unit, "")


def _birth_date(value: Any, *, today: dt.date) -> str:
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            raise Invalid("Please enter a date such as 1990-04-25.") from None
    if day > today:
        raise Invalid("The date of birth cannot be in the future.")
    if age_on(day, today) > MAX_AGE_YEARS:
        raise Invalid("Please check the year of birth.")
    return day.isoformat()


def age_on(birth: dt.date, today: dt.date) -> int:
    """Whole years from ``birth`` to ``today``."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _lines(value: Any) -> list[str]:
    if isinstance(value, str):
        items = value.splitlines()
    elif isinstance(value, list | tuple):
        items = [str(v) for v in value]
    elif value is None:
        items = []
    else:
        raise Invalid("Please list one medicine or supplement per line.")
    cleaned = [" ".join(i.split()) for i in items if i.strip()]
    if len(cleaned) > MAX_MEDICATIONS:
        raise Invalid(f"Please list at most {MAX_MEDICATIONS} items.")
    if any(len(i) > 200 for i in cleaned):
        raise Invalid("Please keep each line under 200 characters.")
    return cleaned


def _allergies(value: Any) -> list[dict[str, str]]:
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise Invalid("Please list allergies as rows.")
    kinds = {k for k, _label in ALLERGY_KINDS}
    rows = []
    for n, row in enumerate(value, start=1):
        if not isinstance(row, Mapping):
            raise Invalid(f"Allergy {n}: please fill in the row.")
        substance = str(row.get("substance") or "").strip()
        kind = str(row.get("kind") or "").strip()
        reaction = str(row.get("reaction") or "").strip()
        if not substance and not reaction:
            continue  # an empty row
        if not substance:
            raise Invalid(f"Allergy {n}: what are you allergic to?")
        if kind not in kinds:
            raise Invalid(f"Allergy {n} ({substance[:40]}): choose what kind of thing it is.")
        if len(substance) > 200 or len(reaction) > 500:
            raise Invalid(f"Allergy {n}: please shorten the text.")
        rows.append({"substance": substance, "kind": kind, "reaction": reaction})
    if len(rows) > MAX_ALLERGIES:
        raise Invalid(f"Please list at most {MAX_ALLERGIES} allergies.")
    return rows
