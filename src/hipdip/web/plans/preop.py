"""The pre-op checklist of a patient: :func:`hipdip.care.preop.preop_instructions` for the
planned surgery date and the submitted intake, with the patient's ticks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from hipdip.care.preop import ChecklistItem, ItemCategory, ItemStatus, preop_instructions
from hipdip.care.settings import ClinicSettings
from hipdip.web.clinic.selectors import source_citation as _citation
from hipdip.web.consultations.clinical import intake_facts, with_recorded_height
from hipdip.web.consultations.models import Intake
from hipdip.web.consultations.selectors import (
    Screening,
    intake_of,
    questionnaire_of,
    screening_for,
)
from hipdip.web.patients.models import Patient
from hipdip.web.plans.models import ChecklistTick, TreatmentPlan

CATEGORY_TITLES = {
    ItemCategory.KEEP_TAKING: "Keep taking",
    ItemCategory.ASK: "Ask your surgeon",
    ItemCategory.HOLD: "Pause before surgery",
    ItemCategory.NICOTINE: "Nicotine",
    ItemCategory.LAB: "Tests",
    ItemCategory.ARRANGE: "Arrange",
    ItemCategory.BRING: "Bring on the day",
    ItemCategory.FASTING: "Fasting",
}


@dataclass(frozen=True)
class Row:
    item: ChecklistItem
    done: bool
    done_at: dt.datetime | None
    done_by: str
    category_title: str
    citation: str

    @property
    def key(self) -> str:
        return self.item.key

    @property
    def overdue(self) -> bool:
        return self.item.status is ItemStatus.OVERDUE and not self.done


@dataclass(frozen=True)
class Group:
    """Items due on one day (``day`` None: items that apply throughout)."""

    day: dt.date | None
    rows: tuple[Row, ...]
    today: dt.date

    @property
    def when(self) -> str:
        if self.day is None:
            return ""
        days = (self.day - self.today).days
        if days == 0:
            return "today"
        if days < 0:
            return "date passed"
        return "tomorrow" if days == 1 else f"in {days} days"


@dataclass(frozen=True)
class ChecklistView:
    """The checklist, or ``reason`` why there is none yet."""

    surgery_date: dt.date | None
    rows: tuple[Row, ...]
    reason: str = ""

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        return tuple(r.item for r in self.rows)

    @property
    def done_count(self) -> int:
        return sum(1 for r in self.rows if r.done)

    @property
    def overdue(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.overdue)

    def groups(self, today: dt.date) -> list[Group]:
        """Standing items first, then one group per due date (the items are in that order)."""
        out: list[Group] = []
        for row in self.rows:
            day = row.item.due_on
            if out and out[-1].day == day:
                out[-1] = Group(day, (*out[-1].rows, row), today)
            else:
                out.append(Group(day, (row,), today))
        return out


def checklist_for(
    patient: Patient,
    *,
    today: dt.date | None = None,
    screening: Screening | None = None,
    intake: Intake | None = None,
    settings: ClinicSettings | None = None,
) -> ChecklistView:
    """The pre-op checklist of `patient` as of `today`. `screening`, `intake` and the
    clinic's `settings`, when the caller has already read them, are not read again."""
    today = today or timezone.localdate()
    plan = TreatmentPlan.objects.filter(patient=patient).only("surgery_date").first()
    date = plan.surgery_date if plan else None
    if date is None:
        return ChecklistView(None, (), "The checklist appears once a surgery date is set.")
    if date < today:
        return ChecklistView(date, (), "The surgery date has passed; the checklist is closed.")
    computed = screening is None
    screening = screening or screening_for(patient, intake=intake, today=today, settings=settings)
    if not screening.ready:
        return ChecklistView(date, (), "The checklist appears once the intake is submitted.")
    if computed:
        # Its facts are the checklist's: the same intake, measurements, settings and day.
        facts = screening.facts
    else:
        intake = intake if intake is not None else intake_of(patient)
        assert intake is not None  # screening is ready only for a submitted intake
        facts = intake_facts(
            with_recorded_height(patient, intake.answers),
            questionnaire=questionnaire_of(intake, patient),
            measurements=screening.measurements,
            settings=screening.settings,
            today=today,
        )
    if facts is None:  # pragma: no cover - a submitted intake has the basics
        return ChecklistView(date, (), "The intake is missing basic answers.")
    plan_items = preop_instructions(
        surgery_date=date, today=today, facts=facts, settings=screening.settings
    ).items
    ticks = {
        t.item_key: t
        for t in ChecklistTick.objects.filter(patient=patient).select_related("ticked_by")
    }
    rows = []
    for item in plan_items:
        tick = ticks.get(item.key)
        done = tick is not None and tick.item_text == item.text
        rows.append(
            Row(
                item=item,
                done=done,
                done_at=tick.ticked_at if done and tick else None,
                done_by=(tick.ticked_by.full_name if done and tick and tick.ticked_by else ""),
                category_title=CATEGORY_TITLES.get(item.category, str(item.category)),
                citation=_citation(item.source_id),
            )
        )
    return ChecklistView(date, tuple(rows))
