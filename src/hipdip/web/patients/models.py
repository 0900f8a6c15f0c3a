"""The patient record: the owner of every piece of personal health data in the product."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.db import models
from django.utils import timezone

from hipdip.web.accounts.models import Clinic, User


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
