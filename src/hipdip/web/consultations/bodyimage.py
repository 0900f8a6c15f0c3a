"""The body-image questionnaire of an intake: the clinic's item set, its questions, its score.

The items are data from :mod:`hipdip.care.bodyimage` (our adapted wording by default, or
the original wording a clinic loads). An intake keeps a snapshot of the item set it was
started with, so later changes to the clinic's choice never mix two item sets in one
intake. Answers are stored as strings (``"0"``-``"3"``, ``"1"``-``"5"``, ``"yes"``/``"no"``)
and converted for the validated scoring rule here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hipdip.care.bodyimage import (
    BDDQ_AS_ADAPTED,
    DCQ_ADAPTED,
    AnswerKind,
    Instrument,
    Questionnaire,
    ScreenResult,
    load_questionnaire,
    score_bddq_as,
    score_dcq,
)
from hipdip.care.settings import ClinicSettings
from hipdip.web.consultations.questions import Kind, Question

PREFIX = "bi_"
ADAPTED = {Instrument.DCQ: DCQ_ADAPTED, Instrument.BDDQ_AS: BDDQ_AS_ADAPTED}


def snapshot(questionnaire: Questionnaire) -> dict[str, Any]:
    """A JSON-ready copy of an item set."""
    return {
        "instrument": str(questionnaire.instrument),
        "title": questionnaire.title,
        "wording": questionnaire.wording,
        "notice": questionnaire.notice,
        "items": [{"text": i.text, "options": list(i.options)} for i in questionnaire.items],
    }


def from_snapshot(data: Mapping[str, Any]) -> Questionnaire:
    """The item set of a snapshot, checked against the instrument's structure."""
    return load_questionnaire(data)


def _values(kind: AnswerKind) -> tuple[str, ...]:
    if kind is AnswerKind.SCALE_0_3:
        return ("0", "1", "2", "3")
    if kind is AnswerKind.SCALE_1_5:
        return ("1", "2", "3", "4", "5")
    return ("no", "yes")


def questions_for(questionnaire: Questionnaire) -> tuple[Question, ...]:
    """The items as intake questions (section "feelings"), named ``bi_1`` to ``bi_7``."""
    bddq = questionnaire.instrument is Instrument.BDDQ_AS
    out = []
    for item in questionnaire.items:
        needed_if = None
        if bddq and item.number > 2:
            needed_if = _bddq_gate
        out.append(
            Question(
                f"{PREFIX}{item.number}",
                "feelings",
                item.text,
                Kind.CHOICE,
                choices=tuple(zip(_values(item.kind), item.options, strict=True)),
                needed_if=needed_if,
                staff_label=f"{questionnaire.instrument.upper().replace('_', '-')} item "
                f"{item.number}",
            )
        )
    return tuple(out)


def _bddq_gate(answers: Mapping[str, Any]) -> bool:
    """BDDQ-AS items 3-7 are only asked when items 1 and 2 are both yes."""
    return answers.get(f"{PREFIX}1") == "yes" and answers.get(f"{PREFIX}2") == "yes"


def score(
    questionnaire: Questionnaire, answers: Mapping[str, Any], *, settings: ClinicSettings
) -> ScreenResult | None:
    """The screen result, or ``None`` while any needed item is unanswered."""
    raw = [answers.get(f"{PREFIX}{i.number}") for i in questionnaire.items]
    try:
        if questionnaire.instrument is Instrument.DCQ:
            return score_dcq([int(v) for v in raw], settings=settings)  # type: ignore[arg-type]
        converted: list[bool | int | None] = []
        for item, value in zip(questionnaire.items, raw, strict=True):
            if value is None:
                converted.append(None)
            elif item.kind is AnswerKind.YES_NO:
                converted.append(value == "yes")
            else:
                converted.append(int(value))
        return score_bddq_as(converted)
    except (TypeError, ValueError):
        return None
