"""Writing the intake: drafts, submission and changes after submission, with their history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.audit.services import audit_record
from hipdip.web.consultations import bodyimage
from hipdip.web.consultations.answers import check_values, missing_answers
from hipdip.web.consultations.models import (
    ChangeKind,
    Intake,
    IntakeChange,
    IntakeStatus,
)
from hipdip.web.consultations.selectors import (
    all_questions,
    display_value,
    questionnaire_of,
)
from hipdip.web.consultations.services.errors import AnswersInvalid, StaleVersion
from hipdip.web.core.errors import Conflict, DomainError, full_clean_or_raise
from hipdip.web.patients.models import HeightSource, Patient
from hipdip.web.patients.selectors import current_height
from hipdip.web.patients.services import height_record


@dataclass(frozen=True)
class DraftSaved:
    """A saved draft and the answers that could not be stored (question -> message)."""

    intake: Intake | None
    rejected: dict[str, str]
    saved: tuple[str, ...]


def _locked_intake(patient: Patient, version: int) -> Intake | None:
    """The patient's intake, locked for update, if ``version`` is the one stored.

    ``version`` 0 means "there is no intake yet, as far as I know".
    """
    intake = Intake.objects.select_for_update().filter(patient=patient).first()
    current = intake.version if intake is not None else 0
    if version != current:
        who = _name(intake.updated_by) if intake and intake.updated_by else "someone"
        raise StaleVersion(
            f"These answers were changed by {who} since you opened them. Reload the page to "
            "see the latest answers; your last change was not saved.",
            details={"current_version": current},
        )
    return intake


def _name(user: Any) -> str:
    return str(user.full_name or user.email)


def _new_intake(actor: Actor, patient: Patient) -> Intake:
    from hipdip.web.consultations.clinical import questionnaire_for_clinic

    return Intake(
        patient=patient,
        questionnaire=bodyimage.snapshot(questionnaire_for_clinic(patient.clinic)),
        version=0,
        created_by=actor.user,
        answers={},
    )


def _merge(answers: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(answers)
    for name, value in values.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = value
    return merged


def intake_save_draft(
    *,
    actor: Actor,
    patient: Patient,
    raw: Mapping[str, Any],
    version: int,
    today: dt.date | None = None,
) -> DraftSaved:
    """Store every valid answer in ``raw`` as a draft; report the ones that are not.

    A draft may be incomplete; what it holds is always valid. Raises :class:`StaleVersion`
    when someone else saved since ``version`` and a DomainError once submitted (changes
    to a submitted intake go through :func:`intake_update`).
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        intake = _locked_intake(patient, version) or _new_intake(actor, patient)
        if intake.is_submitted:
            raise DomainError(
                "These answers have been sent already; save changes with the form's button.",
                code="already_submitted",
            )
        questions = all_questions(questionnaire_of(intake, patient))
        checked = check_values(raw, questions, today=today)
        merged = _merge(intake.answers, checked.values)
        if merged == intake.answers:  # nothing new: no write, no new version
            return DraftSaved(
                intake=intake if intake.version else None,
                rejected=checked.errors,
                saved=(),
            )
        intake.answers = merged
        _stamp(intake, actor)
        full_clean_or_raise(intake)
        _save(intake)
        _height_sync(actor, patient, intake.answers)
        audit_record(
            actor=actor,
            action="intake.draft_save",
            patient=patient,
            target=intake,
            detail={"saved": sorted(checked.values), "rejected": sorted(checked.errors)},
        )
    return DraftSaved(intake=intake, rejected=checked.errors, saved=tuple(sorted(checked.values)))


def _save(intake: Intake) -> None:
    """Save; a second intake created for the same patient at the same moment is a conflict."""
    try:
        with transaction.atomic():
            intake.save()
    except IntegrityError as exc:
        raise StaleVersion(
            "These answers were started elsewhere at the same moment. Reload the page to "
            "continue; your last change was not saved.",
            details={"current_version": None},
        ) from exc


def _height_sync(actor: Actor, patient: Patient, answers: Mapping[str, Any]) -> None:
    """An answered height that differs from the patient's recorded one enters the height
    history (the one height photo sessions are checked against)."""
    value = answers.get("height_cm")
    if value in (None, ""):
        return
    height = Decimal(str(value)).quantize(Decimal("0.1"))
    current = current_height(patient)
    if current is None or current.height_cm != height:
        height_record(actor=actor, patient=patient, height_cm=height, source=HeightSource.INTAKE)


def _stamp(intake: Intake, actor: Actor) -> None:
    intake.version += 1
    intake.updated_at = timezone.now()
    intake.updated_by = actor.user


def _complete_answers(
    intake: Intake, patient: Patient, raw: Mapping[str, Any], today: dt.date
) -> dict[str, Any]:
    """The intake's answers with ``raw`` applied, checked for a submission."""
    questions = all_questions(questionnaire_of(intake, patient))
    checked = check_values(raw, questions, today=today)
    answers = _merge(intake.answers, checked.values)
    errors = {**missing_answers(answers, questions), **checked.errors}
    if errors:
        count = len(errors)
        raise AnswersInvalid(
            f"{count} answer{'s' if count > 1 else ''} still need{'' if count > 1 else 's'} "
            "your attention before the form can be sent.",
            details=errors,
        )
    return answers


def intake_submit(
    *,
    actor: Actor,
    patient: Patient,
    raw: Mapping[str, Any],
    version: int,
    today: dt.date | None = None,
) -> Intake:
    """Send the intake: every needed answer present and valid, then it is submitted."""
    today = today or timezone.localdate()
    with transaction.atomic():
        intake = _locked_intake(patient, version) or _new_intake(actor, patient)
        if intake.is_submitted:
            raise Conflict("These answers have been sent already.", code="already_submitted")
        intake.answers = _complete_answers(intake, patient, raw, today)
        intake.status = IntakeStatus.SUBMITTED
        intake.submitted_at = timezone.now()
        intake.submitted_by = actor.user
        _stamp(intake, actor)
        full_clean_or_raise(intake)
        _save(intake)
        _height_sync(actor, patient, intake.answers)
        _history(intake, actor, ChangeKind.SUBMITTED, [])
        audit_record(actor=actor, action="intake.submit", patient=patient, target=intake)
    return intake


def intake_update(
    *,
    actor: Actor,
    patient: Patient,
    raw: Mapping[str, Any],
    version: int,
    today: dt.date | None = None,
) -> tuple[Intake, list[dict[str, str]]]:
    """Change a submitted intake; the history keeps who changed what, and when.

    Returns the intake and the list of changes (empty when nothing changed).
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        intake = _locked_intake(patient, version)
        if intake is None or not intake.is_submitted:
            raise DomainError("Send the answers first.", code="not_submitted")
        before = dict(intake.answers)
        after = _complete_answers(intake, patient, raw, today)
        changes = _diff(intake, patient, before, after)
        if not changes:
            return intake, []
        intake.answers = after
        _stamp(intake, actor)
        full_clean_or_raise(intake)
        intake.save()
        _height_sync(actor, patient, intake.answers)
        _history(intake, actor, ChangeKind.CHANGED, changes)
        audit_record(
            actor=actor,
            action="intake.change",
            patient=patient,
            target=intake,
            detail={"fields": [c["field"] for c in changes]},
        )
    return intake, changes


def _diff(
    intake: Intake, patient: Patient, before: Mapping[str, Any], after: Mapping[str, Any]
) -> list[dict[str, str]]:
    changes = []
    for q in all_questions(questionnaire_of(intake, patient)):
        old, new = before.get(q.name), after.get(q.name)
        if old != new:
            changes.append(
                {
                    "field": q.name,
                    "label": q.short,
                    "old": display_value(q, old),
                    "new": display_value(q, new),
                }
            )
    return changes


def _history(intake: Intake, actor: Actor, kind: str, changes: list[dict[str, str]]) -> None:
    user = actor.user
    IntakeChange.objects.create(
        intake=intake,
        kind=kind,
        by=user,
        by_name=(user.full_name or user.email) if user else "system",
        by_role=user.role if user else "",
        changes=changes,
    )
