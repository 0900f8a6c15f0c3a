"""The patient record: the owner of every piece of personal health data in the product."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.db import models
from django.utils import timezone

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
