"""Analysing a pending photo and storing its result whole, in one transaction (the body
of the background task)."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.assessments.models import Photo, Status
from hipdip.web.assessments.services.storage import files_removed_on_error
from hipdip.web.assessments.services.uploads import stored_jpeg
from hipdip.web.audit.models import Outcome
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import full_clean_or_raise

logger = logging.getLogger(__name__)

#: Reason code stored when the analyser itself crashed (a bug, not a photo problem).
INTERNAL_ERROR = "internal_error"
INTERNAL_ERROR_MESSAGE = "The analysis stopped unexpectedly. Try again in a moment."


@dataclass(frozen=True)
class AnalysisResult:
    """What one analysis produced, computed before anything is written."""

    ok: bool
    #: The stored form, `Assessment.to_dict()` with the geometry; None if nothing decoded.
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
    if not _claim(photo_id):
        # Done, failed, gone, or another worker is on it (a second delivery).
        return Photo.objects.filter(pk=photo_id).first()
    try:
        return _analyse_claimed(photo_id)
    except Exception:
        # The task's retry (a database hiccup) must be able to take the photo again now,
        # not only once the claim is stale.
        _release(photo_id)
        raise


def _analyse_claimed(photo_id: Any) -> Photo | None:
    photo = Photo.objects.select_related("session").get(pk=photo_id)
    result = _run_analysis(photo)
    with files_removed_on_error() as saved, transaction.atomic():
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


def _claim(photo_id: Any) -> bool:
    """Mark a pending photo as taken by this worker, unless another worker took it within
    HIPDIP_STALE_PENDING_SECONDS (a worker that took it longer ago is presumed dead)."""
    now = timezone.now()
    limit = now - dt.timedelta(seconds=settings.HIPDIP_STALE_PENDING_SECONDS)
    return bool(
        Photo.objects.filter(pk=photo_id, status=Status.PENDING)
        .filter(Q(started_at__isnull=True) | Q(started_at__lt=limit))
        .update(started_at=now)
    )


def _release(photo_id: Any) -> None:
    try:
        Photo.objects.filter(pk=photo_id, status=Status.PENDING).update(started_at=None)
    except DatabaseError:  # the database is down: the sweeper finds the stale claim
        logger.warning("could not release the claim on photo %s", photo_id)


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
        photo.assessment_data = result.assessment
        photo.overlay.name = name
        photo.left_depth_mm = float(sides["left"]["depth_mm"])
        photo.right_depth_mm = float(sides["right"]["depth_mm"])
        photo.error_code = ""
        photo.error_message = ""
    else:
        photo.status = Status.FAILED
        photo.assessment_data = result.assessment
        photo.left_depth_mm = None
        photo.right_depth_mm = None
        photo.error_code = result.error_code
        photo.error_message = result.error_message


def _delete_after_commit(name: str) -> None:
    """Remove a replaced file once the new result is safely committed."""
    transaction.on_commit(lambda: default_storage.delete(name))
