"""Staff decisions on a flagged photo session, and the height history a session writes.

A session states a height; that height enters the patient's height history
(:mod:`hipdip.web.patients`): confirmed when it matches the record, unconfirmed when it does
not (the session is then held back from plans, see ``selectors.heightcheck``). Staff either
confirm the session as it is, with a reason, or correct its height, which measures its
photos again at the corrected scale. Both are audited.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.assessments.models import Photo, PhotoSession, Status
from hipdip.web.assessments.selectors.heightcheck import SessionCheck, session_check
from hipdip.web.assessments.services.sessions import _decimal, _queue_analysis
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import Conflict, DomainError, full_clean_or_raise
from hipdip.web.patients.models import HeightSource
from hipdip.web.patients.services import height_record

MIN_REASON = 5


def session_height_record(*, actor: Actor, session: PhotoSession) -> None:
    """Enter a new session's stated height in the patient's history: confirmed unless it
    differs from the record by more than the clinic's tolerance."""
    check = session_check(session)
    height_record(
        actor=actor,
        patient=session.patient,
        height_cm=session.height_cm,
        source=HeightSource.PHOTO_SESSION,
        confirmed=not check.height_flagged,
        session_id=session.pk,
    )


def session_height_confirm(*, actor: Actor, session: PhotoSession, reason: str) -> PhotoSession:
    """Staff confirm a flagged session as it is (the height is right, the photos are the
    patient's); its figures may then reach plans. The stated height becomes the record's."""
    _require_staff(actor)
    reason = _reason(reason)
    with transaction.atomic():
        locked = PhotoSession.objects.select_for_update().get(pk=session.pk)
        check = session_check(locked)
        if not check.held_back:
            raise Conflict("This session needs no review.", code="not_flagged")
        _mark_reviewed(locked, actor, reason)
        if check.height_flagged:
            height_record(
                actor=actor,
                patient=locked.patient,
                height_cm=locked.height_cm,
                source=HeightSource.STAFF,
                session_id=locked.pk,
                note=f"Confirmed with the photos of {locked.taken_on:%d %b %Y}: {reason}",
            )
        audit_record(
            actor=actor,
            action="photo_session.height_confirm",
            patient=locked.patient,
            target=locked,
            detail={"concerns": _concerns(check)},
        )
    return locked


def session_height_correct(
    *, actor: Actor, session: PhotoSession, height_cm: Any, reason: str
) -> PhotoSession:
    """Staff correct a session's height: the corrected height enters the record and every
    photo of the session is measured again at the corrected scale (the photos are stored,
    and the same photo with the same height gives the same figures)."""
    _require_staff(actor)
    reason = _reason(reason)
    corrected = _decimal(height_cm, "height_cm")
    with transaction.atomic():
        locked = PhotoSession.objects.select_for_update().get(pk=session.pk)
        if locked.photos.filter(status=Status.PENDING).exists():
            raise Conflict(
                "The photos are still being measured; correct the height once they are done.",
                code="still_pending",
            )
        before = locked.height_cm
        locked.height_cm = corrected
        _mark_reviewed(locked, actor, reason)  # full_clean checks the corrected height
        height_record(
            actor=actor,
            patient=locked.patient,
            height_cm=corrected,
            source=HeightSource.STAFF,
            session_id=locked.pk,
            note=f"Corrected from {before} cm for the photos of {locked.taken_on:%d %b %Y}: "
            f"{reason}",
        )
        photos = list(Photo.objects.select_for_update().filter(session=locked))
        for photo in photos:
            _measure_again(photo)
        audit_record(
            actor=actor,
            action="photo_session.height_correct",
            patient=locked.patient,
            target=locked,
            detail={"photos": [str(p.pk) for p in photos]},
        )
    return locked


def _measure_again(photo: Photo) -> None:
    """Queue the photo's analysis again at the session's (corrected) height."""
    photo.status = Status.PENDING
    photo.left_depth_mm = None
    photo.right_depth_mm = None
    photo.error_code = ""
    photo.error_message = ""
    photo.queued_at = timezone.now()
    photo.started_at = None
    photo.save()
    _queue_analysis(photo)


def _mark_reviewed(session: PhotoSession, actor: Actor, reason: str) -> None:
    session.height_reviewed_at = timezone.now()
    session.height_reviewed_by = actor.user
    session.height_review_note = reason[:300]
    full_clean_or_raise(session)
    session.save()


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise DomainError(
            "Say why, in a few words (it is kept with the record).",
            code="reason_required",
            details={"reason": ["Say why, in a few words."]},
        )
    return reason


def _require_staff(actor: Actor) -> None:
    if actor.user is None or not actor.user.is_clinic_staff:
        raise PermissionDenied("Only clinic staff review a session's height.")


def _concerns(check: SessionCheck) -> list[str]:
    kinds = ["height"] if check.height_flagged else []
    return kinds + [f"{p.view}:{p.ratio}" for p in check.proportions]
