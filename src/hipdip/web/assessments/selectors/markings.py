"""Reads: saved and suggested marks and the pictures drawn from them (also for documents).

Every picture is made on request from the stored photo and assessment and never stored.
Callers have already authorised the objects they pass in (`hipdip.web.access`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from hipdip.vision.encoding import encode_png
from hipdip.vision.framing import crop, marks_box
from hipdip.vision.markings import Mark
from hipdip.web.assessments.models import MarkingSet, Photo
from hipdip.web.assessments.selectors.measured import AnalysedPhoto, Unprocessable, analysed_photo
from hipdip.web.patients.models import Patient


def day_label(day: dt.date) -> str:
    """3 Mar 2025"""
    return f"{day.day} {day:%b %Y}"


def marking_set_for(*, photo: Photo, plan_id: uuid.UUID | None = None) -> MarkingSet | None:
    """The saved marks of a photo (for a plan, or the photo's own set when `plan_id` is None)."""
    return (
        MarkingSet.objects.select_related("updated_by").filter(photo=photo, plan_id=plan_id).first()
    )


def marks_of(marking_set: MarkingSet) -> tuple[Mark, ...]:
    """The stored marks (validated when saved) as `Mark`s."""
    return tuple(Mark(**m) for m in marking_set.marks)


def suggested_marks(analysed: AnalysedPhoto) -> tuple[Mark, ...]:
    """What the analyser suggests as a starting point (none if it cannot suggest)."""
    from hipdip.vision.markings import suggest_marks

    try:
        return suggest_marks(analysed.assessment)
    except ValueError:
        return ()


def markings_picture(analysed: AnalysedPhoto, marks: tuple[Mark, ...]) -> npt.NDArray[np.uint8]:
    from hipdip.vision.markings import render_marks

    return render_marks(analysed.rgb, marks)


@dataclass(frozen=True)
class MarkingImage:
    """A plan's markings on one photo, drawn: for documents such as the consultation PDF."""

    photo_id: uuid.UUID
    view: str
    taken_on: dt.date
    version: int
    updated_at: dt.datetime
    png: bytes


def marking_images_for_plan(plan_id: Any, *, close_up: bool = False) -> list[MarkingImage]:
    """Every photo's saved markings for a treatment plan, drawn as PNGs, front view first.

    Parameters
    ----------
    plan_id : the plan's id. The caller must already have authorised access to the plan
        (the marks belong to the plan's patient).
    close_up : crop to the marked area (the hips and every mark with its label) instead of
        the whole photo; better for a printed page.

    Returns
    -------
    One image per marked photo; an empty list when the plan has no markings (or a photo
    can no longer be drawn).
    """
    try:
        key = plan_id if isinstance(plan_id, uuid.UUID) else uuid.UUID(str(plan_id))
    except (ValueError, TypeError, AttributeError):
        return []
    sets = (
        MarkingSet.objects.filter(plan_id=key)
        .select_related("photo__session")
        .order_by("-photo__view", "-photo__session__taken_on")
    )
    return [image for ms in sets if (image := _drawn(ms, close_up)) is not None]


def marking_images_for_patient(
    patient: Patient, *, plan_id: Any = None, close_up: bool = False
) -> list[MarkingImage]:
    """The markings to print for a patient: the plan's if it has any, otherwise the newest
    saved markings of each view (marks saved at the consultation, before a plan existed)."""
    if plan_id is not None:
        images = marking_images_for_plan(plan_id, close_up=close_up)
        if images:
            return images
    sets = (
        MarkingSet.objects.filter(patient=patient, plan_id__isnull=True)
        .select_related("photo__session")
        .order_by("-photo__view", "-photo__session__taken_on", "-photo__session__created_at")
    )
    newest: dict[str, MarkingSet] = {}
    for ms in sets:
        newest.setdefault(ms.photo.view, ms)
    return [image for ms in newest.values() if (image := _drawn(ms, close_up)) is not None]


def _drawn(ms: MarkingSet, close_up: bool) -> MarkingImage | None:
    try:
        analysed = analysed_photo(ms.photo)
    except Unprocessable:
        return None
    marks = marks_of(ms)
    picture = markings_picture(analysed, marks)
    if close_up:
        picture = crop(picture, marks_box(analysed.geometry, marks))
    return MarkingImage(
        photo_id=ms.photo.pk,
        view=ms.photo.view,
        taken_on=ms.photo.session.taken_on,
        version=ms.version,
        updated_at=ms.updated_at,
        png=encode_png(picture),
    )


def markings_png_for_plan(
    plan_id: Any, *, view: str = "front", close_up: bool = False
) -> bytes | None:
    """The plan's markings on its `view` photo as PNG bytes, or None if there are none."""
    for image in marking_images_for_plan(plan_id, close_up=close_up):
        if image.view == view:
            return image.png
    return None
