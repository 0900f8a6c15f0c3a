"""Shared fixtures for the web tests: a small world of two clinics, API clients, and a
quick stand-in for the analyser where a test is not about the measurement itself."""

from __future__ import annotations

import datetime as dt
import io
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from PIL import Image

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import ApiToken, Role, User, password_fingerprint
from hipdip.web.accounts.services import api_token_create, may_hold_api_tokens
from hipdip.web.accounts.services._common import hash_secret
from hipdip.web.assessments.models import Photo, PhotoSession, Status
from hipdip.web.assessments.services import analysis as photo_services
from hipdip.web.patients.models import Patient

from .browsers import chromium
from .factories import (
    ClinicFactory,
    PatientFactory,
    PhotoFactory,
    PhotoSessionFactory,
    StaffFactory,
    UserFactory,
    sample_assessment,
    tiny_jpeg,
)

DEMO_PHOTOS = Path(__file__).resolve().parents[2] / "src" / "hipdip" / "web" / "demo_photos"
#: (file, height in cm) of a real-looking photo that the analyser measures.
FRONT_PHOTO = (DEMO_PHOTOS / "b0023_front.jpg", 183.17)
BACK_PHOTO = (DEMO_PHOTOS / "b0023_back.jpg", 183.17)


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    """Sign-in throttling lives in the cache; no test inherits another's failures."""
    cache.clear()
    yield
    cache.clear()


@dataclass
class Record:
    """A patient with one session: a measured front photo and a failed back photo."""

    patient: Patient
    session: PhotoSession
    done: Photo
    failed: Photo


@dataclass
class World:
    patient: User  # owns `own`
    other_patient: User  # owns `other`, same clinic
    coordinator: User
    surgeon: User
    clinic_admin: User
    foreign_staff: User  # coordinator of the other clinic
    self_signed: User  # a patient without clinic
    own: Record
    other: Record
    foreign: Record


def make_record(patient: Patient) -> Record:
    session = PhotoSessionFactory(patient=patient)
    done = PhotoFactory(session=session, view="front")
    failed = PhotoFactory(session=session, view="back", status=Status.FAILED)
    return Record(patient=patient, session=session, done=done, failed=failed)


@pytest.fixture
def world(db: Any) -> World:
    clinic, other_clinic = ClinicFactory(name="North Clinic"), ClinicFactory(name="South Clinic")
    own = PatientFactory(clinic=clinic, user__full_name="Olivia Own")
    other = PatientFactory(clinic=clinic, user__full_name="Oscar Other")
    foreign = PatientFactory(clinic=other_clinic, user__full_name="Fiona Foreign")
    self_signed = PatientFactory(clinic=None, user__full_name="Sam Solo")
    return World(
        patient=own.user,
        other_patient=other.user,
        coordinator=StaffFactory(clinic=clinic, role=Role.COORDINATOR, full_name="Cora Coord"),
        surgeon=StaffFactory(clinic=clinic, role=Role.SURGEON, full_name="Dr Sid Surgeon"),
        clinic_admin=StaffFactory(clinic=clinic, role=Role.CLINIC_ADMIN, full_name="Ada Admin"),
        foreign_staff=StaffFactory(clinic=other_clinic, role=Role.COORDINATOR),
        self_signed=self_signed.user,
        own=make_record(own),
        other=make_record(other),
        foreign=make_record(foreign),
    )


@pytest.fixture
def web_client() -> Callable[[User | None], Client]:
    """A browser-like client signed in as `user` (or anonymous for None)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


def _minted_token(user: User) -> str:
    """A bearer token stored directly, for API tests acting as someone who may not be
    issued one (patients): the API's object rules are tested apart from who gets tokens."""
    raw = f"hd_test_{secrets.token_urlsafe(24)}"
    ApiToken.objects.create(
        user=user,
        key_hash=hash_secret(raw),
        prefix=raw[:10],
        expires_at=timezone.now() + dt.timedelta(days=1),
        password_fingerprint=password_fingerprint(user),
    )
    return raw


@pytest.fixture
def api_client() -> Callable[[User | None], Client]:
    """A client that sends `Authorization: Bearer <token>` for `user` (none for None)."""

    def make(user: User | None) -> Client:
        if user is None:
            return Client()
        if may_hold_api_tokens(user):
            _, raw = api_token_create(actor=Actor(user, "api"), user=user)
        else:
            raw = _minted_token(user)
        return Client(headers={"Authorization": f"Bearer {raw}"})

    return make


@pytest.fixture
def fake_analysis(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace the analyser with an instant, fixed result; returns the ids it analysed."""
    seen: list[str] = []

    def run(photo: Photo) -> photo_services.AnalysisResult:
        seen.append(str(photo.pk))
        return photo_services.AnalysisResult(
            ok=True, assessment=sample_assessment(photo.view), overlay_jpeg=tiny_jpeg()
        )

    monkeypatch.setattr(photo_services, "_run_analysis", run)
    return seen


def jpeg_bytes(size: tuple[int, int] = (600, 900), exif: bytes | None = None) -> bytes:
    buf = io.BytesIO()
    img = Image.new("RGB", size, (180, 160, 150))
    if exif is None:
        img.save(buf, format="JPEG")
    else:
        img.save(buf, format="JPEG", exif=exif)
    return buf.getvalue()


def png_bytes(size: tuple[int, int] = (600, 900)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (180, 160, 150)).save(buf, format="PNG")
    return buf.getvalue()


__all__ = ["BACK_PHOTO", "FRONT_PHOTO", "UserFactory", "World", "jpeg_bytes", "png_bytes"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium for the real-browser tests of one module (see ``browsers``)."""
    with chromium() as launched:
        yield launched
