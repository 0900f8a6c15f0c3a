"""Reading the intake form's fields from a request, and laying questions out for templates.

The intake is not a Django ``Form``: its questions are data (:mod:`.questions`) and are
checked by :mod:`.answers`, the same code the API uses. This module only translates
between posted fields and answer values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import QueryDict

from hipdip.web.consultations.questions import Kind, Question

#: Empty allergy rows shown after the filled ones (more can be added in the browser).
BLANK_ALLERGY_ROWS = 1


def raw_from_post(post: QueryDict, questions: Sequence[Question]) -> dict[str, Any]:
    """Answers from a posted intake form; a radio group left unset is left out."""
    raw: dict[str, Any] = {}
    for q in questions:
        if q.kind in (Kind.CONFIRM, Kind.FLAG):
            raw[q.name] = q.name in post
        elif q.kind is Kind.ALLERGIES:
            raw[q.name] = [
                {"substance": s, "kind": k, "reaction": r}
                for s, k, r in zip(
                    post.getlist("allergy_substance"),
                    post.getlist("allergy_kind"),
                    post.getlist("allergy_reaction"),
                    strict=False,
                )
            ]
        elif q.name in post:
            raw[q.name] = post.get(q.name)
    return raw


def version_from_post(post: QueryDict) -> int:
    try:
        return max(0, int(post.get("version", "0")))
    except ValueError:
        return -1  # never matches: treated as a stale form


@dataclass(frozen=True)
class Field:
    """One question as the template needs it."""

    q: Question
    value: Any
    error: str
    rows: tuple[Mapping[str, str], ...] = ()
    show_if: str = ""  # "name=value|value", "a=x&b=y" or "!box": when the question applies

    @property
    def text(self) -> str:
        """The value for a text-like input."""
        if self.value is None:
            return ""
        if self.q.kind is Kind.LINES and isinstance(self.value, list):
            return "\n".join(self.value)
        if self.q.kind is Kind.DECIMAL:
            try:
                return f"{float(self.value):g}"
            except (TypeError, ValueError):
                return str(self.value)
        return str(self.value)

    @property
    def inline(self) -> bool:
        """Short options sit side by side."""
        choices = self.q.choices
        return len(choices) <= 2 or (
            len(choices) <= 3 and max(len(label) for _v, label in choices) <= 16
        )

    @property
    def checked(self) -> bool:
        return self.value is True or str(self.value).lower() in ("true", "on", "1")


_DEPENDS = {
    "weight_change_kg": "weight_trend=gained|lost",
    "bleeding_details": "bleeding_disorder=yes",
    "heart_lung_details": "heart_lung_disease=yes",
    "anaesthesia_details": "anaesthesia_problems=yes",
    "pregnancy": "sex=female|other",
    "allergies": "!no_known_allergies",
    "medications": "!no_medications",
    "nicotine_details": "nicotine=current|former",
    **{f"bi_{n}": "bi_1=yes&bi_2=yes" for n in range(3, 8)},
}


def layout(
    questions: Sequence[Question],
    values: Mapping[str, Any],
    errors: Mapping[str, str],
    *,
    bddq: bool,
) -> list[Field]:
    fields = []
    for q in questions:
        rows: tuple[Mapping[str, str], ...] = ()
        if q.kind is Kind.ALLERGIES:
            filled = [r for r in (values.get(q.name) or []) if isinstance(r, Mapping)]
            blank = {"substance": "", "kind": "", "reaction": ""}
            rows = tuple([*filled, *([blank] * BLANK_ALLERGY_ROWS)])
        depends = _DEPENDS.get(q.name, "")
        if q.name.startswith("bi_") and not bddq:
            depends = ""
        fields.append(
            Field(
                q=q,
                value=values.get(q.name),
                error=errors.get(q.name, ""),
                rows=rows,
                show_if=depends,
            )
        )
    return fields


class OverrideForm(forms.Form):
    code = forms.CharField(max_length=60, widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Reason for going ahead",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with the decision and shown in the consultation summary.",
    )
