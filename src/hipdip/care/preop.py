"""Pre-operative instructions as a dated checklist the patient can tick.

From the surgery date and the intake: which medicines and supplements to pause and from
which date, when to stop nicotine, which lab tests to do, what to arrange and bring,
and fasting. Every item cites its source. A stop date that has already passed is kept
and marked overdue ("tell the clinic"), never silently moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from hipdip.care.intake import IntakeFacts, Nicotine
from hipdip.care.labs import Lab, required_labs
from hipdip.care.medications import Agent, DrugClass, classify_medications
from hipdip.care.settings import ClinicSettings, hold_source

__all__ = [
    "DAY_OF_SURGERY_STOPS",
    "ChecklistItem",
    "ItemCategory",
    "ItemStatus",
    "Lab",
    "PreopPlan",
    "preop_instructions",
    "required_labs",
]

#: Screening findings that still stop surgery on the day even when a surgeon accepted
#: them while planning (code -> source id): the risk is from the habit continuing up to
#: the operation, so recording the procedure needs the surgeon's decision again.
DAY_OF_SURGERY_STOPS: dict[str, str] = {
    "nicotine_use": "sorensen-2012-arch-surg",
}

OVERDUE_NOTE = "overdue: tell the clinic"


class ItemCategory(StrEnum):
    KEEP_TAKING = "keep_taking"  # prescriber-only medicines: never stop on your own
    ASK = "ask"  # ask the surgeon (hormones, unrecognised names)
    HOLD = "hold"
    NICOTINE = "nicotine"
    LAB = "lab"
    ARRANGE = "arrange"
    BRING = "bring"
    FASTING = "fasting"


class ItemStatus(StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"  # due today, or as soon as possible
    OVERDUE = "overdue"  # a stop date already passed: tell the clinic
    STANDING = "standing"  # no date: applies throughout


@dataclass(frozen=True, slots=True, kw_only=True)
class ChecklistItem:
    """One line of the checklist; ``due_on`` is ``None`` for standing instructions."""

    key: str
    category: ItemCategory
    text: str
    due_on: date | None
    status: ItemStatus
    source_id: str
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class PreopPlan:
    """The checklist for one surgery date, standing items first, then by date."""

    surgery_date: date
    today: date
    items: tuple[ChecklistItem, ...]

    @property
    def overdue(self) -> tuple[ChecklistItem, ...]:
        return tuple(i for i in self.items if i.status is ItemStatus.OVERDUE)


def preop_instructions(
    *, surgery_date: date, today: date, facts: IntakeFacts, settings: ClinicSettings
) -> PreopPlan:
    """Build the dated pre-op checklist; raise ``ValueError`` for a past surgery date."""
    if surgery_date < today:
        raise ValueError(
            f"surgery date {surgery_date.isoformat()} is in the past (today is "
            f"{today.isoformat()}); choose a future date"
        )
    items = [
        *_medication_items(surgery_date, today, facts, settings),
        *_nicotine_items(surgery_date, today, facts, settings),
        *_lab_items(surgery_date, today, facts, settings),
        *_arrangement_items(surgery_date, today, settings),
        *_fasting_items(surgery_date, today, settings),
    ]
    items.sort(key=lambda i: (i.due_on is not None, i.due_on or surgery_date))
    return PreopPlan(surgery_date=surgery_date, today=today, items=tuple(items))


def _stop_item(
    key: str, category: ItemCategory, text: str, stop_on: date, today: date, source: str
) -> ChecklistItem:
    """A dated stop instruction; overdue (kept, flagged) if the date has passed."""
    if stop_on < today:
        status, note = ItemStatus.OVERDUE, OVERDUE_NOTE
    else:
        status = ItemStatus.DUE if stop_on == today else ItemStatus.UPCOMING
        note = ""
    return ChecklistItem(
        key=key,
        category=category,
        text=text,
        due_on=stop_on,
        status=status,
        source_id=source,
        note=note,
    )


def _todo_item(
    key: str, category: ItemCategory, text: str, due_on: date, today: date, source: str
) -> ChecklistItem:
    """A task with a due date; if the date has passed it is due as soon as possible."""
    if due_on <= today:
        return ChecklistItem(
            key=key,
            category=category,
            text=text,
            due_on=today,
            status=ItemStatus.DUE,
            source_id=source,
            note="as soon as possible",
        )
    return ChecklistItem(
        key=key,
        category=category,
        text=text,
        due_on=due_on,
        status=ItemStatus.UPCOMING,
        source_id=source,
    )


def _standing(key: str, category: ItemCategory, text: str, source: str) -> ChecklistItem:
    return ChecklistItem(
        key=key,
        category=category,
        text=text,
        due_on=None,
        status=ItemStatus.STANDING,
        source_id=source,
    )


def _medication_items(
    surgery: date, today: date, facts: IntakeFacts, settings: ClinicSettings
) -> list[ChecklistItem]:
    items = []
    for n, match in enumerate(classify_medications(facts.medications)):
        key, agent, name = f"med-{n}", match.agent, match.entered
        if agent is None:
            items.append(
                _standing(
                    key,
                    ItemCategory.ASK,
                    f"Tell your surgeon about {name} so they can check whether to pause it.",
                    "hipdip-policy",
                )
            )
        elif agent.prescriber_only:
            items.append(
                _standing(
                    key,
                    ItemCategory.KEEP_TAKING,
                    f"Keep taking {name} as "
                    "prescribed. Don't stop it on your own: the clinic will "
                    "agree a plan with the doctor who prescribed it.",
                    "prescriber-rule",
                )
            )
        elif agent.drug_class is DrugClass.OESTROGEN:
            items.append(
                _standing(
                    key,
                    ItemCategory.ASK,
                    f"Ask your surgeon whether to pause "
                    f"{name}; it can raise the risk of blood clots.",
                    "caprini-oestrogen",
                )
            )
        elif agent.hold_key is not None:
            items.append(_hold_item(key, name, agent, surgery, today, settings))
    return items


def _hold_item(
    key: str, name: str, agent: Agent, surgery: date, today: date, settings: ClinicSettings
) -> ChecklistItem:
    assert agent.hold_key is not None  # callers only pass agents with a hold
    days = settings.hold_days[agent.hold_key]
    stop_on = surgery - timedelta(days=days)
    text = (
        f"Stop taking {name} from {stop_on:%A %d %B %Y} ({days} days before surgery). "
        "Start again only when your surgeon says so."
    )
    if agent.drug_class is DrugClass.ASPIRIN:
        text += " If a doctor prescribed it for your heart or circulation, ask them first."
    return _stop_item(
        key, ItemCategory.HOLD, text, stop_on, today, hold_source(agent.hold_key, settings)
    )


def _nicotine_items(
    surgery: date, today: date, facts: IntakeFacts, settings: ClinicSettings
) -> list[ChecklistItem]:
    if facts.nicotine is not Nicotine.CURRENT:
        return []
    stop_on = surgery - timedelta(weeks=settings.nicotine_free_weeks_before)
    resume = surgery + timedelta(weeks=settings.nicotine_free_weeks_after)
    text = (
        f"Stop all nicotine (cigarettes, vaping, patches, gum, pouches) from "
        f"{stop_on:%A %d %B %Y} and stay off it until at least {resume:%d %B %Y}."
    )
    return [
        _stop_item(
            "nicotine", ItemCategory.NICOTINE, text, stop_on, today, "sorensen-2012-ann-surg"
        )
    ]


def _lab_items(
    surgery: date, today: date, facts: IntakeFacts, settings: ClinicSettings
) -> list[ChecklistItem]:
    due = surgery - timedelta(days=settings.labs_due_days_before)
    return [
        _todo_item(
            f"lab-{lab.key}",
            ItemCategory.LAB,
            f"Test: {lab.name}. {lab.reason}",
            due,
            today,
            lab.source_id,
        )
        for lab in required_labs(facts, settings)
    ]


_BRING = (
    ("bring-id", "Photo ID and your list of medicines and supplements."),
    ("bring-garment", "Your compression garment, if the clinic asked you to buy one."),
    ("bring-clothes", "Loose clothes that open at the front, and flat shoes."),
)


def _arrangement_items(surgery: date, today: date, settings: ClinicSettings) -> list[ChecklistItem]:
    due = surgery - timedelta(days=settings.arrangements_due_days_before)
    items = [
        _todo_item(
            "arrange-driver",
            ItemCategory.ARRANGE,
            "Arrange an adult to take you home. "
            "You can't drive yourself after anaesthesia or sedation.",
            due,
            today,
            "hipdip-policy",
        ),
        _todo_item(
            "arrange-carer",
            ItemCategory.ARRANGE,
            "Arrange for someone to stay with you for the first 24 hours.",
            due,
            today,
            "hipdip-policy",
        ),
    ]
    items += [
        ChecklistItem(
            key=k,
            category=ItemCategory.BRING,
            text=t,
            due_on=surgery,
            status=_day_status(surgery, today),
            source_id="hipdip-policy",
        )
        for k, t in _BRING
    ]
    return items


def _day_status(day: date, today: date) -> ItemStatus:
    return ItemStatus.DUE if day == today else ItemStatus.UPCOMING


def _fasting_items(surgery: date, today: date, settings: ClinicSettings) -> list[ChecklistItem]:
    if settings.fasting_from_midnight:
        text, source = (
            "Nothing to eat or drink after midnight the night before surgery.",
            "hipdip-policy",
        )
    else:
        text = (
            f"No food for {settings.fasting_solids_hours} hours before your arrival time. "
            "Clear drinks (water, clear apple juice, black tea or coffee without milk) are "
            f"fine until {settings.fasting_clear_fluids_hours} hours before. The clinic "
            "will confirm your arrival time."
        )
        source = "asa-fasting-2017"
    return [
        ChecklistItem(
            key="fasting",
            category=ItemCategory.FASTING,
            text=text,
            due_on=surgery,
            status=_day_status(surgery, today),
            source_id=source,
        )
    ]
