"""Body-image screening: the DCQ and BDDQ-AS scoring rules, items kept as data.

The item texts shipped here are our own paraphrases, marked ``wording="adapted"``,
because the licence of the original wording is unverified. A clinic that holds the
original can load it with :func:`load_questionnaire`; the structure (number of items and
answer kinds) must match, so the validated scoring rule still applies.

A positive screen is a reason for the surgeon to talk with the patient, never a block
by itself (Joseph et al. 2017): screening turns it into a "caution" finding.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from hipdip.care.settings import ClinicSettings

__all__ = [
    "BDDQ_AS_ADAPTED",
    "DCQ_ADAPTED",
    "AnswerKind",
    "Instrument",
    "Item",
    "Questionnaire",
    "ScreenResult",
    "load_questionnaire",
    "score_bddq_as",
    "score_dcq",
]


class Instrument(StrEnum):
    DCQ = "dcq"
    BDDQ_AS = "bddq_as"


class AnswerKind(StrEnum):
    """How an item is answered: the option labels map to the scores shown."""

    SCALE_0_3 = "scale_0_3"  # 0..3
    SCALE_1_5 = "scale_1_5"  # 1..5
    YES_NO = "yes_no"  # False/True


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    number: int
    text: str
    kind: AnswerKind
    options: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Questionnaire:
    """An item set for one instrument; ``wording`` is "adapted" or "original"."""

    instrument: Instrument
    title: str
    wording: str
    items: tuple[Item, ...]
    notice: str = ""


_DCQ_OPTIONS = (
    "Not at all",
    "About the same as most people",
    "More than most people",
    "Much more than most people",
)
_YES_NO = ("No", "Yes")
_IMPACT = ("Not at all", "A little", "Moderately", "A lot", "Extremely")
_ADAPTED = (
    "Adapted wording written for hipdip, not the original questionnaire text. "
    "A clinic can load the original wording."
)


def _items(kind: AnswerKind, options: tuple[str, ...], *texts: str) -> tuple[Item, ...]:
    return tuple(
        Item(number=i, text=t, kind=kind, options=options) for i, t in enumerate(texts, start=1)
    )


DCQ_ADAPTED = Questionnaire(
    instrument=Instrument.DCQ,
    title="How you feel about your appearance (adapted from the DCQ)",
    wording="adapted",
    notice=_ADAPTED,
    items=_items(
        AnswerKind.SCALE_0_3,
        _DCQ_OPTIONS,
        "Have you been very worried about some part of how you look?",
        "Have you thought of part of your body as badly shaped or deformed?",
        "Have you felt that part of your body does not work as it should?",
        "Have you seen, or felt you needed to see, a cosmetic doctor or surgeon about it?",
        "Have others told you that you look normal when you felt strongly that you do not?",
        "Have you spent a lot of time worrying about a flaw in how you look?",
        "Have you spent a lot of time hiding or covering up a flaw in how you look?",
    ),
)

_BDDQ_TEXTS = (
    "Are you worried about how you look?",
    "Do you think about your appearance a lot and wish you could think about it less?",
    "How much distress has your concern about your appearance caused you?",
    "How much has it got in the way of your social life or relationships?",
    "How much has it got in the way of your work, studies or daily tasks?",
    "How much have you avoided places, people or activities because of it?",
    "Has your concern caused serious problems with a partner, family or friends?",
)
BDDQ_AS_ADAPTED = Questionnaire(
    instrument=Instrument.BDDQ_AS,
    title="Your appearance and daily life (adapted from the BDDQ-AS)",
    wording="adapted",
    notice=_ADAPTED,
    items=(
        *(
            Item(number=i, text=_BDDQ_TEXTS[i - 1], kind=AnswerKind.YES_NO, options=_YES_NO)
            for i in (1, 2)
        ),
        *(
            Item(number=i, text=_BDDQ_TEXTS[i - 1], kind=AnswerKind.SCALE_1_5, options=_IMPACT)
            for i in (3, 4, 5, 6)
        ),
        Item(number=7, text=_BDDQ_TEXTS[6], kind=AnswerKind.YES_NO, options=_YES_NO),
    ),
)
_TEMPLATES = {Instrument.DCQ: DCQ_ADAPTED, Instrument.BDDQ_AS: BDDQ_AS_ADAPTED}


def load_questionnaire(data: Mapping[str, Any]) -> Questionnaire:
    """Build a clinic-supplied item set, checking it has the structure the rule needs.

    ``data`` has ``instrument`` ("dcq" or "bddq_as"), ``title``, ``wording`` and
    ``items``: a list of ``{"text": ..., "options": [...]}`` in item order. Item kinds
    come from the instrument, so option counts must match (4 for DCQ items, 2 for yes/no,
    5 for BDDQ-AS impact items). Raises ``ValueError`` naming the first problem.
    """
    try:
        template = _TEMPLATES[Instrument(data["instrument"])]
    except (KeyError, ValueError):
        raise ValueError("questionnaire needs an instrument of 'dcq' or 'bddq_as'") from None
    raw = data.get("items")
    if not isinstance(raw, Sequence) or len(raw) != len(template.items):
        raise ValueError(f"{template.instrument} needs exactly {len(template.items)} items")
    items = tuple(_load_item(spec, like) for spec, like in zip(raw, template.items, strict=True))
    return Questionnaire(
        instrument=template.instrument,
        title=str(data.get("title") or template.title),
        wording=str(data.get("wording") or "original"),
        items=items,
        notice=str(data.get("notice", "")),
    )


def _load_item(spec: Any, like: Item) -> Item:
    if not isinstance(spec, Mapping) or not str(spec.get("text", "")).strip():
        raise ValueError(f"item {like.number} needs a non-empty text")
    options = tuple(str(o) for o in spec.get("options", like.options))
    if len(options) != len(like.options):
        raise ValueError(f"item {like.number} needs {len(like.options)} answer options")
    return Item(number=like.number, text=str(spec["text"]), kind=like.kind, options=options)


@dataclass(frozen=True, slots=True, kw_only=True)
class ScreenResult:
    """Outcome of a screen: positive or not, the total where the rule has one."""

    instrument: Instrument
    positive: bool
    total: int | None
    staff_summary: str
    source_id: str


def score_dcq(answers: Sequence[int], *, settings: ClinicSettings) -> ScreenResult:
    """Score the DCQ: 7 answers 0-3, positive when the total reaches the clinic cut-off.

    Cut-off defaults to 9 (Mancuso, Knoesen, Castle 2010); 11 and 14 are stricter options.
    """
    if len(answers) != 7:
        raise ValueError(f"the DCQ has 7 items, got {len(answers)} answers")
    for n, a in enumerate(answers, start=1):
        if isinstance(a, bool) or not isinstance(a, int) or not 0 <= a <= 3:
            raise ValueError(f"DCQ item {n} must be scored 0-3, got {a!r}")
    total, cutoff = sum(answers), settings.dcq_cutoff
    positive = total >= cutoff
    return ScreenResult(
        instrument=Instrument.DCQ,
        positive=positive,
        total=total,
        staff_summary=f"DCQ total {total}/21 ({'at or above' if positive else 'below'} "
        f"cut-off {cutoff}).",
        source_id="mancuso-2010",
    )


def score_bddq_as(answers: Sequence[bool | int | None]) -> ScreenResult:
    """Score the BDDQ-AS.

    ``answers`` are items 1-7: items 1, 2 and 7 yes/no (bool), items 3-6 scored 1-5.
    Positive when items 1 and 2 are yes and either any of items 3-6 is 3 or more or
    item 7 is yes. When item 1 or 2 is no, items 3-7 may be left ``None``.
    """
    if len(answers) != 7:
        raise ValueError(f"the BDDQ-AS has 7 items, got {len(answers)} answers")
    worried, preoccupied = _yes_no(answers, 1), _yes_no(answers, 2)
    if not (worried and preoccupied):
        return _bddq(False, "Items 1 and 2 are not both yes.")
    impact = [_impact(answers, n) for n in (3, 4, 5, 6)]
    problems = _yes_no(answers, 7)
    positive = max(impact) >= 3 or problems
    detail = f"Highest impact score {max(impact)}/5; item 7 {'yes' if problems else 'no'}."
    return _bddq(positive, f"Items 1 and 2 yes. {detail}")


def _bddq(positive: bool, detail: str) -> ScreenResult:
    verdict = "positive" if positive else "negative"
    return ScreenResult(
        instrument=Instrument.BDDQ_AS,
        positive=positive,
        total=None,
        staff_summary=f"BDDQ-AS {verdict}. {detail}",
        source_id="bddq-as",
    )


def _yes_no(answers: Sequence[bool | int | None], number: int) -> bool:
    value = answers[number - 1]
    if not isinstance(value, bool):
        raise ValueError(f"BDDQ-AS item {number} must be yes or no (True/False), got {value!r}")
    return value


def _impact(answers: Sequence[bool | int | None], number: int) -> int:
    value = answers[number - 1]
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValueError(f"BDDQ-AS item {number} must be scored 1-5, got {value!r}")
    return value
