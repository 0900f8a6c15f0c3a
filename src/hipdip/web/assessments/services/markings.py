"""Writes: saving a surgeon's marks (with optimistic locking)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from hipdip.vision.markings import Mark
from hipdip.web.accounts.actor import Actor
from hipdip.web.assessments.models import MAX_MARKS, MarkingSet, Photo
from hipdip.web.assessments.plans import check_plan
from hipdip.web.assessments.rules import (
    require_marking_editor,
)
from hipdip.web.assessments.selectors.measured import Unprocessable, analysed_photo
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import Conflict, full_clean_or_raise
from hipdip.web.patients.models import Patient


def marks_validate(marks: Any, *, image_size_hw: tuple[int, int]) -> list[Mark]:
    """Untrusted marks (a JSON list) as `Mark`s, or `invalid_marks` with one entry per bad mark.

    Parameters
    ----------
    image_size_hw : (height, width) of the photo as analysed: the marks' coordinate space.
    """
    if not isinstance(marks, list):
        raise Unprocessable("`marks` must be a list of marks.", code="invalid_marks")
    if len(marks) > MAX_MARKS:
        raise Unprocessable(f"At most {MAX_MARKS} marks fit on one photo.", code="invalid_marks")
    out: list[Mark] = []
    problems: list[dict[str, Any]] = []
    for i, item in enumerate(marks):
        if not isinstance(item, dict):
            problems.append({"index": i, "message": "a mark must be an object"})
            continue
        try:
            out.append(Mark.from_dict(item, image_size_hw=image_size_hw))
        except ValueError as exc:
            problems.append({"index": i, "message": str(exc)})
    ids = [m.id for m in out]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append({"index": ids.index(dup), "message": f"the id {dup!r} is used twice"})
    if problems:
        raise Unprocessable(
            "Some marks are not valid: " + problems[0]["message"] + ".",
            code="invalid_marks",
            details=problems,
        )
    return out


def marking_set_save(
    *,
    actor: Actor,
    photo: Photo,
    marks: Any,
    version: int,
    plan_id: Any = None,
) -> MarkingSet:
    """Store the marks of `photo` (for a treatment plan if `plan_id` is given).

    `version` is the version the editor started from: 0 when no marks were saved yet.
    A save based on an older version is refused with 409 `stale_version` (details: the
    current version, who saved it and when), so no one's work is overwritten unknowingly.

    Raises
    ------
    PermissionDenied : the actor is not one of the clinic's surgeons (audited).
    Unprocessable : the photo has no successful analysis, or a mark is not valid.
    PlanRefused : `plan_id` is not a plan of this patient.
    Conflict : `version` is not the current version.
    """
    patient = photo.session.patient
    require_marking_editor(actor, patient, target=photo)
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise Unprocessable("`version` must be a whole number, 0 or more.", code="invalid")
    plan = check_plan(plan_id, patient=patient)
    size = analysed_photo(photo).size
    data = [m.to_dict() for m in marks_validate(marks, image_size_hw=size)]
    now = timezone.now()
    try:
        with transaction.atomic():
            saved = _write(actor, photo, patient, plan, data, version, now)
            audit_record(
                actor=actor,
                action="markings.save",
                patient=patient,
                target=saved,
                detail={
                    "photo": str(photo.pk),
                    "version": saved.version,
                    "marks": len(data),
                    "plan": str(plan) if plan else None,
                },
            )
    except IntegrityError as exc:  # someone created the first version at the same moment
        raise _stale(MarkingSet.objects.filter(photo=photo, plan_id=plan).first()) from exc
    return saved


def _write(
    actor: Actor,
    photo: Photo,
    patient: Patient,
    plan: uuid.UUID | None,
    data: list[dict[str, Any]],
    version: int,
    now: Any,
) -> MarkingSet:
    current = MarkingSet.objects.filter(photo=photo, plan_id=plan).first()
    if current is None:
        if version != 0:
            raise _stale(None)
        created = MarkingSet(
            patient=patient,
            photo=photo,
            plan_id=plan,
            marks=data,
            version=1,
            created_by=actor.user,
            updated_by=actor.user,
            created_at=now,
            updated_at=now,
        )
        full_clean_or_raise(created, exclude=["photo", "patient"])
        created.save(force_insert=True)
        return created
    # Compare-and-set: the row changes only if nobody saved since `version` was read.
    changed = MarkingSet.objects.filter(pk=current.pk, version=version).update(
        marks=data, version=F("version") + 1, updated_by=actor.user, updated_at=now
    )
    if not changed:
        raise _stale(current)
    current.refresh_from_db()
    return current


def _stale(current: MarkingSet | None) -> Conflict:
    if current is None:
        return Conflict(
            "These markings were changed meanwhile; load them again before saving.",
            code="stale_version",
            details={"current_version": 0},
        )
    current.refresh_from_db()
    who = current.updated_by.full_name if current.updated_by else "someone"
    return Conflict(
        f"{who} saved these markings meanwhile (version {current.version}). "
        "Load their version, or save yours over it.",
        code="stale_version",
        details={
            "current_version": current.version,
            "updated_by": who,
            "updated_at": current.updated_at.isoformat(),
        },
    )
