"""Photo sessions: create them from uploads, add the missing view, retry failed analyses."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from hipdip.vision.conventions import View
from hipdip.web.assessments.models import Photo, PhotoSession, Purpose, Status
from hipdip.web.assessments.services.storage import files_removed_on_error
from hipdip.web.assessments.services.uploads import PreparedImage, prepare_image
from hipdip.web.audit.services import audit_record
from hipdip.web.core.actor import Actor
from hipdip.web.core.errors import Conflict, DomainError, full_clean_or_raise
from hipdip.web.patients.models import Patient

logger = logging.getLogger(__name__)

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
    with files_removed_on_error() as saved, transaction.atomic():
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
    with files_removed_on_error() as saved, transaction.atomic():
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
    from hipdip.web.assessments.tasks import photo_analyse_task

    photo_id = str(photo.pk)
    transaction.on_commit(lambda: photo_analyse_task.delay(photo_id), robust=True)


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
