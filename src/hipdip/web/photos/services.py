"""Photo sessions: create them from uploads, analyse their photos, retry failed analyses."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from hipdip.vision.conventions import View
from hipdip.web.audit.models import Outcome
from hipdip.web.audit.services import audit_record
from hipdip.web.core.actor import Actor
from hipdip.web.core.errors import Conflict, DomainError, full_clean_or_raise
from hipdip.web.patients.models import Patient
from hipdip.web.photos.models import Photo, PhotoSession, Purpose, Status
from hipdip.web.photos.uploads import PreparedImage, prepare_image, stored_jpeg

logger = logging.getLogger(__name__)

#: Reason code stored when the analyser itself crashed (a bug, not a photo problem).
INTERNAL_ERROR = "internal_error"
INTERNAL_ERROR_MESSAGE = "The analysis stopped unexpectedly. Try again in a moment."

VIEWS = frozenset(v.value for v in View)


def photo_session_create(
    *,
    actor: Actor,
    patient: Patient,
    purpose: str,
    height_cm: Any,
    images: Mapping[str, bytes],
    weight_kg: Any = None,
    post_op_week: int | None = None,
    taken_on: dt.date | None = None,
) -> PhotoSession:
    """Store a new session with its photos and queue their analyses.

    Every photo is decoded and re-encoded before anything is written, so a bad file leaves
    nothing behind; the session, its photos and the audit event are written together.

    Parameters
    ----------
    images : view ("front" or "back") -> the uploaded file's bytes; at least one.
    """
    if not images:
        raise DomainError("Add a front or a back photo (both is best).", code="no_photos")
    for view in images:
        if view not in VIEWS:
            raise DomainError(f"Unknown view {view!r}; use front or back.", code="invalid_view")
    session = PhotoSession(
        patient=patient,
        purpose=purpose,
        post_op_week=post_op_week if purpose == Purpose.POST_OP else None,
        height_cm=_decimal(height_cm, "height_cm"),
        weight_kg=None if weight_kg in (None, "") else _decimal(weight_kg, "weight_kg"),
        taken_on=taken_on or timezone.localdate(),
        created_by=actor.user,
    )
    full_clean_or_raise(session)
    prepared = {view: prepare_image(data) for view, data in images.items()}
    with _files_removed_on_error() as saved, transaction.atomic():
        session.save(force_insert=True)
        photos = [
            _photo_store(actor=actor, session=session, view=v, image=img, saved=saved)
            for v, img in sorted(prepared.items())
        ]
        audit_record(
            actor=actor,
            action="photo_session.create",
            patient=patient,
            target=session,
            detail={"photos": [str(p.pk) for p in photos]},
        )
        for photo in photos:
            _queue_analysis(photo)
    return session


def photo_add(*, actor: Actor, session: PhotoSession, view: str, data: bytes) -> Photo:
    """Add the missing front or back photo to an existing session."""
    if view not in VIEWS:
        raise DomainError(f"Unknown view {view!r}; use front or back.", code="invalid_view")
    image = prepare_image(data)
    with _files_removed_on_error() as saved, transaction.atomic():
        if Photo.objects.filter(session=session, view=view).exists():
            raise Conflict(f"This session already has a {view} photo.", code="view_taken")
        photo = _photo_store(actor=actor, session=session, view=view, image=image, saved=saved)
        audit_record(actor=actor, action="photo.create", patient=session.patient, target=photo)
        _queue_analysis(photo)
    return photo


def photo_retry(*, actor: Actor, photo: Photo) -> Photo:
    """Queue a failed analysis again (or one stuck waiting for a worker)."""
    with transaction.atomic():
        locked = Photo.objects.select_for_update().get(pk=photo.pk)
        if locked.status == Status.DONE:
            raise Conflict("This photo has already been measured.", code="already_done")
        stale_after = dt.timedelta(seconds=settings.HIPDIP_STALE_PENDING_SECONDS)
        if locked.status == Status.PENDING and timezone.now() - locked.queued_at < stale_after:
            raise Conflict("This photo is still being analysed.", code="still_pending")
        locked.status = Status.PENDING
        locked.error_code = ""
        locked.error_message = ""
        locked.queued_at = timezone.now()
        full_clean_or_raise(locked)
        locked.save()
        audit_record(
            actor=actor, action="photo.retry", patient=photo.session.patient, target=locked
        )
        _queue_analysis(locked)
    return locked


@dataclass(frozen=True)
class AnalysisResult:
    """What one analysis produced, computed before anything is written."""

    ok: bool
    assessment: dict[str, Any] | None
    overlay_jpeg: bytes | None
    error_code: str = ""
    error_message: str = ""


def photo_analyse(*, photo_id: Any) -> Photo | None:
    """Analyse a pending photo and store the result (the body of the background task).

    The analysis runs outside any transaction; its result (assessment, overlay file,
    status) is then written in one transaction, so a task that dies half-way leaves the
    photo pending, never half-measured. A photo that is no longer pending (a duplicate
    delivery) is left alone.
    """
    photo = Photo.objects.select_related("session").filter(pk=photo_id).first()
    if photo is None or photo.status != Status.PENDING:
        return photo
    result = _run_analysis(photo)
    with _files_removed_on_error() as saved, transaction.atomic():
        locked = Photo.objects.select_for_update().filter(pk=photo.pk).first()
        if locked is None or locked.status != Status.PENDING:
            return locked
        _apply_result(locked, result, saved)
        full_clean_or_raise(locked)
        locked.save()
        audit_record(
            actor=Actor.system("task"),
            action="photo.analyse",
            patient=photo.session.patient,
            target=locked,
            outcome=Outcome.OK if result.ok else Outcome.FAILED,
            detail={} if result.ok else {"error_code": result.error_code},
        )
    return locked


def _run_analysis(photo: Photo) -> AnalysisResult:
    # Imported here: loading the vision stack costs time the web process may never need.
    from hipdip.vision import analyze
    from hipdip.vision.overlay import render_overlay

    try:
        with default_storage.open(photo.image.name or "", "rb") as fh:
            data = fh.read()
        assessment, rgb = analyze(
            data,
            height_cm=float(photo.session.height_cm),
            view=photo.view,
            name=str(photo.pk),
            return_image=True,
        )
        if not assessment.ok or rgb is None:
            return AnalysisResult(
                ok=False,
                assessment=assessment.to_dict() if rgb is not None else None,
                overlay_jpeg=None,
                error_code=str(assessment.error.value if assessment.error else INTERNAL_ERROR),
                error_message=assessment.error_message or INTERNAL_ERROR_MESSAGE,
            )
        overlay = stored_jpeg(render_overlay(rgb, assessment))
        return AnalysisResult(ok=True, assessment=assessment.to_dict(), overlay_jpeg=overlay)
    except Exception:
        # Only the id goes to the log: never pixels, paths or measurements.
        logger.exception("analysis crashed for photo %s", photo.pk)
        return AnalysisResult(
            ok=False,
            assessment=None,
            overlay_jpeg=None,
            error_code=INTERNAL_ERROR,
            error_message=INTERNAL_ERROR_MESSAGE,
        )


def _apply_result(photo: Photo, result: AnalysisResult, saved: list[str]) -> None:
    photo.attempts += 1
    photo.analysed_at = timezone.now()
    if result.ok and result.assessment is not None and result.overlay_jpeg is not None:
        name = default_storage.save(
            f"overlays/{secrets.token_hex(16)}.jpg", ContentFile(result.overlay_jpeg)
        )
        saved.append(name)
        if photo.overlay.name:
            _delete_after_commit(photo.overlay.name)
        sides = result.assessment["sides"]
        photo.status = Status.DONE
        photo.assessment = result.assessment
        photo.overlay.name = name
        photo.left_depth_mm = float(sides["left"]["depth_mm"])
        photo.right_depth_mm = float(sides["right"]["depth_mm"])
        photo.error_code = ""
        photo.error_message = ""
    else:
        photo.status = Status.FAILED
        photo.assessment = result.assessment
        photo.left_depth_mm = None
        photo.right_depth_mm = None
        photo.error_code = result.error_code
        photo.error_message = result.error_message


def _delete_after_commit(name: str) -> None:
    """Remove a replaced file once the new result is safely committed."""
    transaction.on_commit(lambda: default_storage.delete(name))


def _photo_store(
    *, actor: Actor, session: PhotoSession, view: str, image: PreparedImage, saved: list[str]
) -> Photo:
    name = default_storage.save(f"photos/{secrets.token_hex(16)}.jpg", ContentFile(image.jpeg))
    saved.append(name)
    photo = Photo(
        session=session,
        view=view,
        width_px=image.width,
        height_px=image.height,
        uploaded_by=actor.user,
        queued_at=timezone.now(),
    )
    photo.image.name = name
    full_clean_or_raise(photo)
    photo.save(force_insert=True)
    return photo


def _queue_analysis(photo: Photo) -> None:
    """Queue the analysis once the surrounding transaction has committed.

    `robust`: if the broker is down the upload still succeeds; the photo stays pending and
    can be queued again from its page once it is stale.
    """
    from hipdip.web.photos.tasks import photo_analyse_task

    photo_id = str(photo.pk)
    transaction.on_commit(lambda: photo_analyse_task.delay(photo_id), robust=True)


class _files_removed_on_error:
    """Deletes the files saved inside the block if the block fails (the rows roll back)."""

    def __enter__(self) -> list[str]:
        self.saved: list[str] = []
        return self.saved

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None:
            for name in self.saved:
                default_storage.delete(name)


def _decimal(value: Any, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(
            "Enter a number.", code="invalid", details={field: ["Enter a number."]}
        ) from exc
    if not number.is_finite():
        raise DomainError("Enter a number.", code="invalid", details={field: ["Enter a number."]})
    return number.quantize(Decimal("0.1"))
