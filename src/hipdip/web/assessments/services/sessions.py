"""Photo sessions: create them from uploads, add the missing view, retry failed analyses."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from hipdip.vision.conventions import View
from hipdip.web.accounts.actor import Actor
from hipdip.web.assessments.models import Photo, PhotoSession, Purpose, Status
from hipdip.web.assessments.selectors.sessions import photo_is_stuck, stuck_pending
from hipdip.web.assessments.services.storage import files_removed_on_error
from hipdip.web.assessments.services.uploads import PreparedImage, prepare_image
from hipdip.web.audit.services import audit_record
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
        # The stated height enters the patient's height history (checked against it).
        from hipdip.web.assessments.services.heightcheck import session_height_record

        session_height_record(actor=actor, session=session)
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
    """Queue a failed analysis again, or a pending one that is stuck (its worker died, or
    the broker never got it: see :func:`stuck_pending`)."""
    with transaction.atomic():
        locked = Photo.objects.select_for_update().get(pk=photo.pk)
        if locked.status == Status.DONE:
            raise Conflict("This photo has already been measured.", code="already_done")
        if locked.status == Status.PENDING and not photo_is_stuck(locked):
            raise Conflict("This photo is still being analysed.", code="still_pending")
        locked.status = Status.PENDING
        locked.error_code = ""
        locked.error_message = ""
        locked.queued_at = timezone.now()
        locked.started_at = None
        full_clean_or_raise(locked)
        locked.save()
        audit_record(
            actor=actor, action="photo.retry", patient=photo.session.patient, target=locked
        )
        _queue_analysis(locked)
    return locked


def photos_requeue_stuck(*, limit: int = 200) -> int:
    """Queue again every stuck pending analysis (the periodic sweeper); returns how many.

    Rows are claimed with SKIP LOCKED and their `queued_at` moved to now in the same
    transaction, so sweepers on several workers never queue one photo twice, and a photo
    is queued again at most once per HIPDIP_STALE_PENDING_SECONDS.
    """
    with transaction.atomic():
        stuck = list(
            Photo.objects.select_for_update(skip_locked=True)
            .filter(stuck_pending())
            .order_by("queued_at")
            .values_list("pk", flat=True)[:limit]
        )
        if not stuck:
            return 0
        Photo.objects.filter(pk__in=stuck).update(queued_at=timezone.now(), started_at=None)
        for pk in stuck:
            logger.warning("photo %s was stuck pending; queued again", pk)
            _queue_analysis_id(str(pk))
    return len(stuck)


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
    _queue_analysis_id(str(photo.pk))


def _queue_analysis_id(photo_id: str) -> None:
    """Queue the analysis once the surrounding transaction has committed.

    If the broker is down or hangs, publishing gives up after the broker timeouts
    (HIPDIP_BROKER_TIMEOUT_SECONDS) and the upload still succeeds: the photo stays pending
    and the sweeper (:func:`photos_requeue_stuck`) queues it once it is stale.
    """
    transaction.on_commit(lambda: _publish(photo_id))


def _publish(photo_id: str) -> None:
    from hipdip.web.assessments.tasks import photo_analyse_task

    try:
        photo_analyse_task.delay(photo_id)
    except Exception as exc:  # any broker failure: the sweeper queues it later
        logger.warning(
            "photo %s not queued (%s); the sweeper will queue it", photo_id, type(exc).__name__
        )


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
