"""Measured photos for the imaging tests, made once per test run.

A real demo photo is analysed once (the pixels exactly as stored after upload), and an
"after" photo is made from it with the dip half filled. Tests then get database rows with
these pictures and their whole stored assessments, without analysing again.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from hipdip.web.assessments.models import GalleryConsent, MarkingSet, Photo, PhotoSession, Status
from hipdip.web.patients.models import Patient

from ...conftest import BACK_PHOTO, FRONT_PHOTO
from ...factories import PhotoSessionFactory, stored_file


@dataclass(frozen=True)
class Reference:
    jpeg: bytes
    width: int
    height: int
    assessment: dict[str, Any]


def _analysed(jpeg: bytes, height_cm: float, view: str) -> Reference:
    from hipdip.vision import analyze
    from hipdip.vision.loading import load_photo

    loaded = load_photo(jpeg)
    result = analyze(loaded, height_cm=height_cm, view=view)
    assert result.ok and result.geometry is not None
    h, w = loaded.rgb.shape[:2]
    return Reference(jpeg, w, h, result.to_dict())


@functools.cache
def reference(kind: str = "before", view: str = "front") -> Reference:
    """`before`: the demo photo as stored after upload; `after`: the same with each dip
    half filled (a stand-in for a later session); `shifted`: the after photo moved and
    scaled a little, as if the camera stood elsewhere."""
    import cv2

    from hipdip.vision import analyze
    from hipdip.vision.encoding import encode_jpeg
    from hipdip.vision.loading import load_photo
    from hipdip.vision.preview import preview_fill
    from hipdip.web.assessments.services.uploads import prepare_image

    path, height = FRONT_PHOTO if view == "front" else BACK_PHOTO
    before = prepare_image(path.read_bytes()).jpeg
    if kind == "before":
        return _analysed(before, height, view)
    loaded = load_photo(before)
    result = analyze(loaded, height_cm=height, view=view)
    filled, _ = preview_fill(loaded.rgb, result, fill=0.5, label=False)
    if kind == "shifted":
        h, w = filled.shape[:2]
        m = cv2.getRotationMatrix2D((w / 2, h / 2), 1.0, 0.8)
        m[:, 2] += (25, 12)
        filled = cv2.warpAffine(filled, m, (w, h), borderMode=cv2.BORDER_REPLICATE)
    return _analysed(encode_jpeg(filled, quality=95), height, view)


def measured_photo(session: PhotoSession, *, view: str = "front", kind: str = "before") -> Photo:
    """A done photo with a real picture and its whole assessment (with the geometry)."""
    ref = reference(kind, view)
    now = timezone.now()
    photo = Photo.objects.create(
        session=session,
        view=view,
        image=stored_file("photos", ref.jpeg),
        overlay=stored_file("overlays", ref.jpeg),
        width_px=ref.width,
        height_px=ref.height,
        status=Status.DONE,
        assessment_data=ref.assessment,
        left_depth_mm=ref.assessment["sides"]["left"]["depth_mm"],
        right_depth_mm=ref.assessment["sides"]["right"]["depth_mm"],
        analysed_at=now,
        attempts=1,
    )
    return photo


def make_measured(photo: Photo, *, kind: str = "before") -> Photo:
    """Turn an existing photo row (e.g. a factory's) into a measured real photo."""
    ref = reference(kind, photo.view)
    now = timezone.now()
    photo.image.name = stored_file("photos", ref.jpeg)
    photo.width_px, photo.height_px = ref.width, ref.height
    photo.status = Status.DONE
    photo.assessment_data = ref.assessment
    photo.left_depth_mm = ref.assessment["sides"]["left"]["depth_mm"]
    photo.right_depth_mm = ref.assessment["sides"]["right"]["depth_mm"]
    photo.error_code = photo.error_message = ""
    photo.analysed_at = now
    photo.save()
    return photo


@dataclass
class Pair:
    """A patient with two measured sessions, the later one with the dips half filled."""

    patient: Patient
    before: PhotoSession
    after: PhotoSession
    before_photo: Photo
    after_photo: Photo


def measured_pair(patient: Patient, *, after_kind: str = "after") -> Pair:
    today = timezone.localdate()
    before = PhotoSessionFactory(
        patient=patient, taken_on=today - dt.timedelta(days=90), height_cm=Decimal("183.2")
    )
    after = PhotoSessionFactory(
        patient=patient,
        taken_on=today - dt.timedelta(days=1),
        height_cm=Decimal("183.2"),
        purpose="post_op",
        post_op_week=12,
    )
    return Pair(
        patient=patient,
        before=before,
        after=after,
        before_photo=measured_photo(before),
        after_photo=measured_photo(after, kind=after_kind),
    )


def prepared(record: Any) -> Any:
    """For the permission matrix (idempotent): the record's measured photo becomes a real
    measured photo with saved marks (version 1), a second measured session to compare
    with, and an active public gallery consent."""
    if not MarkingSet.objects.filter(photo=record.done).exists():
        make_measured(record.done)
        MarkingSet.objects.create(patient=record.patient, photo=record.done, marks=[], version=1)
        later = PhotoSessionFactory(patient=record.patient, taken_on=timezone.localdate())
        measured_photo(later, kind="after")
        GalleryConsent.objects.create(patient=record.patient, scope="public")
    return record


def later_session(patient: Patient, exclude: PhotoSession) -> PhotoSession:
    found = PhotoSession.objects.filter(patient=patient).exclude(pk=exclude.pk).first()
    assert found is not None
    return found


def compare_query(record: Any) -> str:
    """before/after/view of a prepared record."""
    prepared(record)
    later = later_session(record.patient, record.session)
    return f"before={record.session.pk}&after={later.pk}&view=front"


def consent_id(record: Any) -> Any:
    prepared(record)
    consent = GalleryConsent.objects.filter(patient=record.patient, revoked_at__isnull=True).first()
    assert consent is not None
    return consent.pk


def done_photo(record: Any) -> Any:
    """The id of the record's measured photo, prepared."""
    return prepared(record).done.pk
