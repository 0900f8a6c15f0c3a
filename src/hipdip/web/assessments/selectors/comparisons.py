"""Reads: before/after comparisons of two measured sessions, and their exports."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hipdip.vision.compare import Comparison, SideChange, side_change
from hipdip.vision.encoding import encode_jpeg, encode_png
from hipdip.vision.framing import Region, crop, region_box, torso_box
from hipdip.web.accounts.actor import Actor
from hipdip.web.assessments.models import GalleryConsent, Photo, PhotoSession, Status
from hipdip.web.assessments.rules import require_gallery_manager
from hipdip.web.assessments.selectors.consent import active_gallery_consents
from hipdip.web.assessments.selectors.figures import photos_side_figures
from hipdip.web.assessments.selectors.markings import day_label
from hipdip.web.assessments.selectors.measured import AnalysedPhoto, Unprocessable, analysed_photo
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import DomainError
from hipdip.web.patients.models import Patient


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


@dataclass(frozen=True)
class SessionChange:
    """The change of each side's session figure from one session to another, and the
    views it rests on (``("front", "back")`` or the one view both sessions share)."""

    sides: dict[str, SideChange]
    views: tuple[str, ...]

    @property
    def basis(self) -> str:
        """The photos the change rests on, e.g. "front and back photos", "front photos"."""
        return " and ".join(self.views) + " photos"


def session_change(*, before: PhotoSession, after: PhotoSession, view: str) -> SessionChange:
    """The change per side as the sessions' own figures state it (after minus before).

    When both sessions measured the front and the back, this is the change of the one
    figure per side every page shows for them (:mod:`hipdip.care.sides`: the mean of the
    two views). When they have only ``view`` in common, it is the change on those
    photos, and ``views`` says so: a mean of two views is never set against one view.
    """
    done = {s.pk: [p for p in s.photos.all() if p.status == Status.DONE] for s in (before, after)}
    shared = {p.view for p in done[before.pk]} & {p.view for p in done[after.pk]}
    views = ("front", "back") if {"front", "back"} <= shared else (view,)

    def figures(session: PhotoSession) -> dict[str, float]:
        photos = [p for p in done[session.pk] if p.view in views]
        return {f.side.value: f.depth_mm for f in photos_side_figures(photos)}

    b, a = figures(before), figures(after)
    sides: dict[str, SideChange] = {}
    for side in ("left", "right"):
        if side in b and side in a:
            change = side_change(b[side], a[side])
            sides[side] = dataclasses.replace(change, change_mm=round(change.change_mm, 1))
    return SessionChange(sides=sides, views=views)


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
    with the change per side and no names or dates.

    The change printed is the sessions' figure per side (:func:`session_change`, the same
    as the gallery card's), with a line naming the photos it rests on before the notes on
    how comparable the two photos are."""
    from hipdip.vision.compare import side_by_side

    change = session_change(
        before=result.before.photo.session, after=result.after.photo.session, view=result.view
    )
    box = torso_box(result.before.geometry)
    cropped = dataclasses.replace(
        result.comparison,
        aligned_after=crop(result.comparison.aligned_after, box),
        sides={**result.comparison.sides, **change.sides},
        notes=(
            f"Change per side from the {change.basis} of each session.",
            *result.comparison.notes,
        ),
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
