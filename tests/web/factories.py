"""factory_boy factories for the web apps (no global fixtures)."""

from __future__ import annotations

import datetime as dt
import io
import secrets
from decimal import Decimal
from typing import Any

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image

from hipdip.web.accounts.models import Clinic, Role, User
from hipdip.web.assessments.models import Photo, PhotoSession, Purpose, Status
from hipdip.web.patients.models import Patient

PASSWORD = "correct-horse-battery-staple"


def sample_assessment(view: str = "front", left: float = 7.4, right: float = 5.1) -> dict[str, Any]:
    """An assessment in the `hipdip analyze --json` shape."""

    def side(depth: float) -> dict[str, Any]:
        return {
            "present": depth >= 3.0,
            "depth_mm": depth,
            "center_mm_rel_hip": -35.0,
            "extent_mm": 80.0,
            "grade": "moderate" if depth >= 6 else "mild",
        }

    return {
        "image": "photo",
        "ok": True,
        "error": None,
        "view": view,
        "height_cm": 170.0,
        "mm_per_px": 1.12,
        "sides": {"left": side(left), "right": side(right)},
        "warnings": [],
        "timing_ms": {"decode": 5.0, "detect": 40.0, "measure": 3.0},
    }


def tiny_jpeg(
    colour: tuple[int, int, int] = (200, 180, 160), size: tuple[int, int] = (80, 120)
) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, format="JPEG")
    return buf.getvalue()


def stored_file(folder: str, data: bytes | None = None) -> str:
    return default_storage.save(
        f"{folder}/{secrets.token_hex(16)}.jpg", ContentFile(data or tiny_jpeg())
    )


class ClinicFactory(DjangoModelFactory):
    class Meta:
        model = Clinic

    name = factory.Sequence(lambda n: f"Clinic {n}")
    slug = factory.Sequence(lambda n: f"clinic-{n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    role = Role.PATIENT
    clinic = None

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: Any) -> None:
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])


class StaffFactory(UserFactory):
    role = Role.COORDINATOR
    clinic = factory.SubFactory(ClinicFactory)
    is_staff = factory.LazyAttribute(lambda o: o.role == Role.CLINIC_ADMIN)


class PatientFactory(DjangoModelFactory):
    class Meta:
        model = Patient

    user = factory.SubFactory(UserFactory, role=Role.PATIENT)
    clinic = factory.SubFactory(ClinicFactory)


class PhotoSessionFactory(DjangoModelFactory):
    class Meta:
        model = PhotoSession

    patient = factory.SubFactory(PatientFactory)
    purpose = Purpose.CONSULTATION
    height_cm = Decimal("170.0")
    taken_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))


class PhotoFactory(DjangoModelFactory):
    """A stored photo; `status=done` (default) comes with an assessment and an overlay."""

    class Meta:
        model = Photo

    session = factory.SubFactory(PhotoSessionFactory)
    view = "front"
    width_px = 80
    height_px = 120
    status = Status.DONE
    image = factory.LazyFunction(lambda: stored_file("photos"))
    attempts = 1

    @classmethod
    def _create(cls, model_class: type[Photo], *args: Any, **kwargs: Any) -> Photo:
        status = kwargs.get("status", Status.DONE)
        if "assessment" in kwargs:  # tests pass the stored dict by its meaning
            kwargs["assessment_data"] = kwargs.pop("assessment")
        if status == Status.DONE:
            assessment = kwargs.setdefault(
                "assessment_data", sample_assessment(kwargs.get("view", "front"))
            )
            kwargs.setdefault("overlay", stored_file("overlays"))
            kwargs.setdefault("left_depth_mm", assessment["sides"]["left"]["depth_mm"])
            kwargs.setdefault("right_depth_mm", assessment["sides"]["right"]["depth_mm"])
            kwargs.setdefault("analysed_at", timezone.now())
        elif status == Status.FAILED:
            kwargs.setdefault("error_code", "no_person")
            kwargs.setdefault("error_message", "No person was found in the photo.")
            kwargs.setdefault("analysed_at", timezone.now())
        return super()._create(model_class, *args, **kwargs)
