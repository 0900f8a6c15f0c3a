"""Photo session services on the database: uploads, analysis results, failures, retries."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings
from PIL import Image

from hipdip.web.accounts.actor import Actor
from hipdip.web.assessments.models import Photo, PhotoSession, Purpose, Status
from hipdip.web.assessments.services import analysis
from hipdip.web.assessments.services import sessions as services
from hipdip.web.audit.models import AuditEvent
from hipdip.web.core.errors import Conflict, DomainError, UploadRejected

from ...conftest import BACK_PHOTO, FRONT_PHOTO, World, jpeg_bytes, png_bytes
from ...factories import PhotoFactory

pytestmark = pytest.mark.django_db


def _exif_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "PhoneModel 12"  # Model
    exif[0xA431] = "SERIAL-123456"  # BodySerialNumber (in the Exif IFD in practice)
    gps = {1: "N", 2: (52.0, 22.0, 1.5), 3: "E", 4: (4.0, 53.0, 2.0)}
    exif[0x8825] = gps  # GPSInfo
    return exif.tobytes()


def _create(world: World, images: dict[str, bytes], **kwargs: Any) -> PhotoSession:
    params: dict[str, Any] = {
        "actor": Actor(world.coordinator, "web", "10.0.0.1", "pytest"),
        "patient": world.own.patient,
        "purpose": Purpose.CONSULTATION,
        "height_cm": "168.5",
        "images": images,
    }
    params.update(kwargs)
    return services.photo_session_create(**params)


def test_upload_is_reencoded_without_metadata_under_a_random_name(
    world: World, fake_analysis: list[str]
) -> None:
    original = jpeg_bytes(exif=_exif_with_gps())
    assert b"PhoneModel" in original and b"SERIAL-123456" in original

    session = _create(world, {"front": original})

    photo = session.photos.get()
    with default_storage.open(photo.image.name, "rb") as fh:
        stored = fh.read()
    img = Image.open(io.BytesIO(stored))
    assert img.format == "JPEG"
    assert dict(img.getexif()) == {}
    assert b"PhoneModel" not in stored and b"SERIAL" not in stored and b"Exif" not in stored
    name = photo.image.name
    assert name.startswith("photos/") and len(name.split("/")[1]) == len("0" * 32 + ".jpg")
    assert str(world.own.patient.pk) not in name and "front" not in name


def test_upload_type_comes_from_content_not_name(world: World, fake_analysis: list[str]) -> None:
    session = _create(world, {"front": png_bytes()})  # a PNG is fine, whatever it is called
    assert session.photos.get().image.name.endswith(".jpg")

    with pytest.raises(UploadRejected) as err:
        _create(world, {"front": b"GIF89a not really an image at all" * 10})
    assert err.value.code == "unsupported_format"
    with pytest.raises(UploadRejected) as err:
        _create(world, {"front": b"<html><script>alert(1)</script></html>"})
    assert err.value.code == "unsupported_format"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (jpeg_bytes()[:-200], "corrupt_image"),
        (jpeg_bytes(size=(40, 40)), "image_too_small"),
        (b"", "empty_file"),
    ],
    ids=["truncated", "tiny", "empty"],
)
def test_bad_image_is_refused_and_nothing_is_left_behind(
    world: World, fake_analysis: list[str], data: bytes, code: str
) -> None:
    sessions_before = PhotoSession.objects.count()
    files_before = _stored_files()
    with pytest.raises(UploadRejected) as err:
        _create(world, {"front": jpeg_bytes(), "back": data})
    assert err.value.code == code
    assert PhotoSession.objects.count() == sessions_before
    assert _stored_files() == files_before
    assert fake_analysis == []


def test_a_database_failure_after_storing_files_removes_them(
    world: World, fake_analysis: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    files_before = _stored_files()

    def boom(**kwargs: Any) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "audit_record", boom)
    with pytest.raises(RuntimeError):
        _create(world, {"front": jpeg_bytes(), "back": jpeg_bytes()})
    assert _stored_files() == files_before
    assert not PhotoSession.objects.filter(patient=world.own.patient, height_cm="168.5").exists()


@override_settings(HIPDIP_MAX_UPLOAD_BYTES=10_000)
def test_oversized_upload_is_refused_before_decoding(world: World) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hipdip.web.assessments.services.uploads import read_upload

    with pytest.raises(UploadRejected) as err:
        read_upload(SimpleUploadedFile("big.jpg", b"\xff" * 20_000))
    assert err.value.code == "image_too_large"


def test_post_op_sessions_need_the_week(world: World, fake_analysis: list[str]) -> None:
    with pytest.raises(DomainError) as err:
        _create(world, {"front": jpeg_bytes()}, purpose=Purpose.POST_OP)
    assert "post_op_week" in err.value.details
    session = _create(world, {"front": jpeg_bytes()}, purpose=Purpose.POST_OP, post_op_week=3)
    assert session.purpose_label == "After surgery, week 3"


@pytest.mark.parametrize("height", ["99.9", "251", "abc", "nan", "-170"])
def test_impossible_heights_are_refused(world: World, height: str) -> None:
    with pytest.raises(DomainError) as err:
        _create(world, {"front": jpeg_bytes()}, height_cm=height)
    assert err.value.details and "height_cm" in err.value.details


def test_session_needs_at_least_one_photo(world: World) -> None:
    with pytest.raises(DomainError) as err:
        _create(world, {})
    assert err.value.code == "no_photos"


def test_creating_a_session_is_audited_with_who_and_where(
    world: World, fake_analysis: list[str]
) -> None:
    session = _create(world, {"front": jpeg_bytes()})
    event = AuditEvent.objects.get(action="photo_session.create", object_id=str(session.pk))
    assert event.actor == world.coordinator
    assert event.ip == "10.0.0.1"
    assert event.patient == world.own.patient
    assert event.clinic == world.own.patient.clinic


def test_real_analysis_stores_the_assessment_and_an_overlay(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    path, height = FRONT_PHOTO
    with django_capture_on_commit_callbacks(execute=True):
        session = _create(world, {"front": path.read_bytes()}, height_cm=str(height))
    photo = session.photos.get()
    assert photo.status == Status.DONE, photo.error_message
    a = photo.assessment_data
    assert set(a) == {
        "image",
        "ok",
        "error",
        "view",
        "height_cm",
        "mm_per_px",
        "sides",
        "warnings",
        "timing_ms",
        "geometry",
    }
    # Stored whole: the pictures read the geometry instead of analysing again.
    assert a["geometry"]["image_size_hw"] == [photo.height_px, photo.width_px]
    assert a["ok"] is True and a["error"] is None and a["view"] == "front"
    assert a["image"] == str(photo.pk)
    for side in ("left", "right"):
        assert set(a["sides"][side]) == {
            "present",
            "presence",
            "depth_interval_mm",
            "depth_mm",
            "center_mm_rel_hip",
            "extent_mm",
            "grade",
        }
    assert photo.left_depth_mm == a["sides"]["left"]["depth_mm"]
    assert photo.right_depth_mm == a["sides"]["right"]["depth_mm"]
    assert 2.0 < photo.left_depth_mm < 20.0
    with default_storage.open(photo.overlay.name, "rb") as fh:
        assert Image.open(fh).format == "JPEG"
    assert AuditEvent.objects.filter(action="photo.analyse", object_id=str(photo.pk)).exists()


def test_a_photo_without_a_person_fails_with_its_reason_and_no_depth(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        session = _create(world, {"front": jpeg_bytes(size=(800, 1200))})
    photo = session.photos.get()
    assert photo.status == Status.FAILED
    assert photo.error_code == "no_person"
    assert photo.error_message
    assert photo.left_depth_mm is None and photo.right_depth_mm is None
    assert not photo.overlay


def test_an_analyser_crash_is_recorded_as_a_retryable_failure(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    photo = PhotoFactory(session__patient=world.own.patient, status=Status.PENDING)

    def crash(*args: Any, **kwargs: Any) -> None:
        raise MemoryError("simulated")

    monkeypatch.setattr("hipdip.vision.analyze", crash)
    analysis.photo_analyse(photo_id=photo.pk)
    photo.refresh_from_db()
    assert photo.status == Status.FAILED
    assert photo.error_code == analysis.INTERNAL_ERROR
    assert photo.left_depth_mm is None
    assert "analysis crashed for photo" in caplog.text


def test_a_task_that_dies_half_way_leaves_the_photo_pending_and_no_files(
    world: World, fake_analysis: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = PhotoFactory(session__patient=world.own.patient, status=Status.PENDING)
    files_before = _stored_files()

    def die(**kwargs: Any) -> None:
        raise ConnectionError("worker lost the database mid-write")

    monkeypatch.setattr(analysis, "audit_record", die)
    with pytest.raises(ConnectionError):
        analysis.photo_analyse(photo_id=photo.pk)
    photo.refresh_from_db()
    assert photo.status == Status.PENDING
    assert photo.assessment is None and photo.left_depth_mm is None and not photo.overlay
    assert _stored_files() == files_before


def test_a_duplicate_delivery_does_not_analyse_twice(
    world: World, fake_analysis: list[str]
) -> None:
    photo = PhotoFactory(session__patient=world.own.patient, status=Status.PENDING)
    analysis.photo_analyse(photo_id=photo.pk)
    analysis.photo_analyse(photo_id=photo.pk)
    assert fake_analysis == [str(photo.pk)]
    photo.refresh_from_db()
    assert photo.attempts == 2  # the factory's 1 + one real run


def test_a_failed_analysis_can_be_retried(
    world: World, fake_analysis: list[str], django_capture_on_commit_callbacks: Any
) -> None:
    failed = world.own.failed
    actor = Actor(world.patient, "web")
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_retry(actor=actor, photo=failed)
    failed.refresh_from_db()
    assert failed.status == Status.DONE
    assert failed.error_code == ""
    assert fake_analysis == [str(failed.pk)]
    assert AuditEvent.objects.filter(action="photo.retry", actor=world.patient).exists()


def test_a_measured_or_fresh_photo_cannot_be_retried(world: World) -> None:
    actor = Actor(world.patient, "web")
    with pytest.raises(Conflict):
        services.photo_retry(actor=actor, photo=world.own.done)
    pending = PhotoFactory(session__patient=world.own.patient, status=Status.PENDING)
    with pytest.raises(Conflict):
        services.photo_retry(actor=actor, photo=pending)


def test_a_photo_stuck_pending_can_be_queued_again(
    world: World, fake_analysis: list[str], django_capture_on_commit_callbacks: Any
) -> None:
    pending = PhotoFactory(session__patient=world.own.patient, status=Status.PENDING)
    Photo.objects.filter(pk=pending.pk).update(queued_at=pending.queued_at.replace(year=2020))
    pending.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_retry(actor=Actor(world.coordinator, "web"), photo=pending)
    pending.refresh_from_db()
    assert pending.status == Status.DONE


def test_adding_the_missing_view_and_refusing_a_second_one(
    world: World, fake_analysis: list[str]
) -> None:
    session = _create(world, {"front": jpeg_bytes()})
    actor = Actor(world.coordinator, "api")
    photo = services.photo_add(actor=actor, session=session, view="back", data=jpeg_bytes())
    assert photo.view == "back"
    with pytest.raises(Conflict):
        services.photo_add(actor=actor, session=session, view="back", data=jpeg_bytes())


def test_heights_are_stored_to_a_tenth_of_a_centimetre(
    world: World, fake_analysis: list[str]
) -> None:
    session = _create(world, {"front": jpeg_bytes()}, height_cm=171.26, weight_kg="64.44")
    session.refresh_from_db()
    assert session.height_cm == Decimal("171.3")
    assert session.weight_kg == Decimal("64.4")


def test_front_and_back_of_a_real_body_are_both_measured(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    (front, height), (back, _) = FRONT_PHOTO, BACK_PHOTO
    with django_capture_on_commit_callbacks(execute=True):
        session = _create(
            world, {"front": front.read_bytes(), "back": back.read_bytes()}, height_cm=str(height)
        )
    statuses = {p.view: p.status for p in session.photos.all()}
    assert statuses == {"front": Status.DONE, "back": Status.DONE}


def _stored_files() -> set[str]:
    found: set[str] = set()
    for folder in ("photos", "overlays"):
        try:
            _, files = default_storage.listdir(folder)
        except FileNotFoundError:
            continue
        found.update(f"{folder}/{f}" for f in files)
    return found
