"""Reads: saved and suggested marks, the pictures made from them, previews, comparisons.

Every picture is made on request from the stored photo and never stored. Callers have
already authorised the objects they pass in (`hipdip.web.access`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db.models import QuerySet

from hipdip.vision.compare import Comparison
from hipdip.vision.encoding import encode_jpeg, encode_png
from hipdip.vision.framing import Region, crop, marks_box, region_box, torso_box
from hipdip.vision.markings import Mark
from hipdip.web.audit.services import audit_record
from hipdip.web.core.actor import Actor
from hipdip.web.core.errors import DomainError
from hipdip.web.imaging.analysed import AnalysedPhoto, Unprocessable, analysed_photo
from hipdip.web.imaging.models import GalleryConsent, MarkingSet
from hipdip.web.imaging.rules import require_gallery_manager
from hipdip.web.patients.models import Patient
from hipdip.web.photos.models import Photo, PhotoSession, Status


def day_label(day: dt.date) -> str:
    """3 Mar 2025"""
    return f"{day.day} {day:%b %Y}"


# --- markings ---------------------------------------------------------------------------


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


# --- result preview ---------------------------------------------------------------------


def region_size(analysed: AnalysedPhoto, region: Region) -> tuple[int, int]:
    """(height, width) of a picture of `region`."""
    x0, y0, x1, y1 = region_box(analysed.geometry, region)
    return (y1 - y0, x1 - x0)


def preview_picture(
    analysed: AnalysedPhoto, *, fill: float, region: Region = Region.FULL
) -> npt.NDArray[np.uint8]:
    """The labelled simulation at `fill` (0-1), of the whole photo or the hips close up.

    The banner is drawn on the picture actually returned, so a close-up carries it too.
    """
    from hipdip.vision.preview import SIMULATION_LABEL, draw_simulation_label, preview_fill

    if region == Region.FULL:
        return preview_fill(analysed.rgb, analysed.assessment, fill=fill)[0]
    out, _ = preview_fill(analysed.rgb, analysed.assessment, fill=fill, label=False)
    close = crop(out, region_box(analysed.geometry, region))
    draw_simulation_label(close, f"{SIMULATION_LABEL} - dip filled {round(fill * 100)} %")
    return close


def simulated_depths(analysed: AnalysedPhoto, fill: float) -> dict[str, dict[str, float]]:
    """Measured depth and the depth the simulation shows, (1 - fill) x depth, per side."""
    sides = analysed.assessment.sides or {}
    return {
        s: {"measured_mm": r.depth_mm, "simulated_mm": round((1.0 - fill) * r.depth_mm, 1)}
        for s, r in sides.items()
    }


# --- before and after -------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonResult:
    before: AnalysedPhoto
    after: AnalysedPhoto
    comparison: Comparison

    @property
    def view(self) -> str:
        return self.before.photo.view


def measured_sessions(patient: Patient) -> list[PhotoSession]:
    """Sessions with at least one measured photo, oldest first, photos loaded."""
    sessions = (
        PhotoSession.objects.filter(patient=patient, photos__status=Status.DONE)
        .distinct()
        .prefetch_related("photos")
        .order_by("taken_on", "created_at")
    )
    return list(sessions)


def measured_views(session: PhotoSession) -> list[str]:
    return sorted(
        (p.view for p in session.photos.all() if p.status == Status.DONE),
        key=lambda v: v != "front",
    )


def session_photo(session: PhotoSession, view: str) -> Photo:
    """The session's photo of `view`, measured, or a plain refusal."""
    photo = next((p for p in session.photos.all() if p.view == view), None)
    when = day_label(session.taken_on)
    if photo is None:
        raise Unprocessable(f"The session of {when} has no {view} photo.", code="view_missing")
    if photo.status != Status.DONE:
        raise Unprocessable(
            f"The {view} photo of {when} has not been measured, so it cannot be compared.",
            code="not_measured" if photo.status == Status.PENDING else "analysis_failed",
        )
    return photo


def comparison_between(*, before: PhotoSession, after: PhotoSession, view: str) -> ComparisonResult:
    """Align the `after` session's photo of `view` onto the `before` one and measure the change.

    Raises
    ------
    Unprocessable
        ``same_session``, ``view_missing``, ``not_measured``, ``analysis_failed``,
        ``views_differ`` or ``not_comparable`` (the photos could not be aligned).
    """
    from hipdip.vision.compare import compare

    if before.pk == after.pk:
        raise Unprocessable("Choose two different sessions.", code="same_session")
    a, b = analysed_photo(session_photo(before, view)), analysed_photo(session_photo(after, view))
    if a.assessment.view != b.assessment.view:
        raise Unprocessable(
            "The photos show different views; compare front with front, back with back.",
            code="views_differ",
        )
    try:
        result = compare(a.rgb, a.assessment, b.rgb, b.assessment)
    except ValueError as exc:
        raise Unprocessable(
            "These two photos could not be compared: " + str(exc) + ".", code="not_comparable"
        ) from exc
    return ComparisonResult(before=a, after=b, comparison=result)


def comparison_picture(
    result: ComparisonResult, *, which: str, region: Region = Region.FULL
) -> npt.NDArray[np.uint8]:
    """`before` or the aligned `after` photo (same frame), whole or the hips close up."""
    box = region_box(result.before.geometry, region)
    rgb = result.before.rgb if which == "before" else result.comparison.aligned_after
    return crop(rgb, box)


def comparison_sheet(result: ComparisonResult) -> npt.NDArray[np.uint8]:
    """Both photos side by side with the change per side, for the patient's file."""
    from hipdip.vision.compare import side_by_side

    titles = tuple(
        f"{label}, {day_label(p.photo.session.taken_on)}"
        for label, p in (("Before", result.before), ("After", result.after))
    )
    return side_by_side(result.before.rgb, result.comparison, titles=titles)  # type: ignore[arg-type]


def gallery_sheet(result: ComparisonResult) -> npt.NDArray[np.uint8]:
    """De-identified: both photos cropped from below the shoulders to mid-thigh (no face),
    with the change per side and no names or dates."""
    from hipdip.vision.compare import side_by_side

    box = torso_box(result.before.geometry)
    cropped = dataclasses.replace(
        result.comparison, aligned_after=crop(result.comparison.aligned_after, box)
    )
    return side_by_side(crop(result.before.rgb, box), cropped)


class ConsentMissing(DomainError):
    status_code = 403
    code = "no_gallery_consent"


def comparison_export(
    *,
    actor: Actor,
    patient: Patient,
    before: PhotoSession,
    after: PhotoSession,
    view: str,
    which: str,
    region: Region,
) -> tuple[bytes, str, str | None]:
    """(bytes, "png"/"jpeg", download name or None) of one comparison picture, audited.
    Shared by the page and the API. The gallery picture needs staff and an active consent."""
    consents: list[GalleryConsent] = []
    if which == "gallery":
        require_gallery_manager(actor, patient, action="compare.gallery_export")
        consents = active_gallery_consents(patient)
        if not consents:
            raise ConsentMissing(
                "The patient has not agreed to gallery use; record their consent first."
            )
    result = comparison_between(before=before, after=after, view=view)
    stamp = f"{before.taken_on:%Y%m%d}-{after.taken_on:%Y%m%d}-{view}"
    detail = {"before": str(before.pk), "after": str(after.pk), "view": view}
    out: tuple[bytes, str, str | None]
    if which == "sheet":
        out = (encode_png(comparison_sheet(result)), "png", f"before-after-{stamp}.png")
        action = "compare.export"
    elif which == "gallery":
        out = (encode_png(gallery_sheet(result)), "png", f"gallery-{stamp}.png")
        action = "compare.gallery_export"
        detail["consents"] = ",".join(c.scope for c in consents)
    else:
        picture = comparison_picture(result, which=which, region=region)
        out = (encode_jpeg(picture), "jpeg", None)
        action = "compare.image.view"
    audit_record(actor=actor, action=action, patient=patient, target=patient, detail=detail)
    return out


# --- gallery consent --------------------------------------------------------------------


def gallery_consents(patient: Patient) -> QuerySet[GalleryConsent]:
    return GalleryConsent.objects.filter(patient=patient).select_related(
        "recorded_by", "revoked_by"
    )


def active_gallery_consents(patient: Patient) -> list[GalleryConsent]:
    return list(gallery_consents(patient).filter(revoked_at__isnull=True))
