"""The patient record: the owner of every piece of personal health data in the product."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from hipdip.vision import conventions as vision_terms
from hipdip.web.accounts.models import Clinic, User
from hipdip.web.patients.phones import phone_display, phone_href


class ContactMethod(models.TextChoices):
    """How a patient prefers the clinic to reach them."""

    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"


class Patient(models.Model):
    """One person being measured and followed. `clinic` is empty for a self sign-up.

    Every model that holds patient data names its owner through `OWNER_PATH` (the lookup
    from that model to its Patient), which the object-access helper uses.
    """

    OWNER_PATH: ClassVar[str] = ""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="patient")
    clinic = models.ForeignKey(
        Clinic, null=True, blank=True, on_delete=models.PROTECT, related_name="patients"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Contact details, edited by the patient and the clinic's staff. Phone numbers are
    # stored in E.164 (+447911123456), checked by ``patients.phones``.
    phone = models.CharField(max_length=20, blank=True)
    preferred_contact = models.CharField(
        max_length=10, choices=ContactMethod.choices, default=ContactMethod.EMAIL
    )
    emergency_contact_name = models.CharField(max_length=150, blank=True)
    emergency_contact_relation = models.CharField(max_length=60, blank=True)
    emergency_contact_phone = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ("user__full_name", "user__email")

    def __str__(self) -> str:
        return self.user.full_name or self.user.email

    @property
    def email(self) -> str:
        return self.user.email

    @property
    def full_name(self) -> str:
        return self.user.full_name

    def owner_patient(self) -> Patient:
        return self

    @property
    def phone_display(self) -> str:
        return phone_display(self.phone)

    @property
    def phone_href(self) -> str:
        return phone_href(self.phone)

    @property
    def emergency_phone_display(self) -> str:
        return phone_display(self.emergency_contact_phone)

    @property
    def emergency_phone_href(self) -> str:
        return phone_href(self.emergency_contact_phone)

    @property
    def has_contact_details(self) -> bool:
        return bool(self.phone or self.emergency_contact_name or self.emergency_contact_phone)


class HeightSource(models.TextChoices):
    INTAKE = "intake", "Questionnaire"
    PHOTO_SESSION = "photo_session", "Photo session"
    STAFF = "staff", "Clinic staff"


class PatientHeight(models.Model):
    """One entry of a patient's height history: the value, where it came from, who gave it.

    The height sets the scale of every photo, so it is kept once, with its history, and
    not as loose copies in the questionnaire and each photo session. The patient's height
    is the latest confirmed entry. A photo session whose stated height differs from it too
    much leaves an unconfirmed entry until staff confirm or correct it. Entries are never
    changed or deleted: a correction is a new entry.
    """

    OWNER_PATH: ClassVar[str] = "patient"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="heights")
    height_cm = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        validators=[
            MinValueValidator(Decimal(f"{vision_terms.MIN_HEIGHT_CM:g}")),
            MaxValueValidator(Decimal(f"{vision_terms.MAX_HEIGHT_CM:g}")),
        ],
    )
    source = models.CharField(max_length=20, choices=HeightSource.choices)
    #: The photo session that stated this height (its id as a plain value: the photo
    #: sessions app sits above this one).
    session_id = models.UUIDField(null=True, blank=True, db_index=True)
    confirmed = models.BooleanField(default=True)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-recorded_at",)
        indexes = (models.Index(fields=("patient", "recorded_at")),)

    def __str__(self) -> str:
        return f"{self.height_cm} cm ({self.get_source_display()})"

    def owner_patient(self) -> Patient:
        return self.patient
