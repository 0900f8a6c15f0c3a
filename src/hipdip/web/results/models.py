"""A before/after comparison a surgeon approved for the public gallery."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

from hipdip.web.accounts.models import User
from hipdip.web.assessments.models import PhotoSession
from hipdip.web.patients.models import Patient


class ResultPublication(models.Model):
    """Shown at /results/ only while it is not withdrawn AND the patient's public gallery
    consent is active: both are checked on every request, so withdrawing either removes
    the picture at once (nothing is cached)."""

    OWNER_PATH = "patient"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="+")
    before = models.ForeignKey(PhotoSession, on_delete=models.CASCADE, related_name="+")
    after = models.ForeignKey(PhotoSession, on_delete=models.CASCADE, related_name="+")
    view = models.CharField(max_length=5, choices=[("front", "Front"), ("back", "Back")])
    approved_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    def owner_patient(self) -> Patient:
        return self.patient

    class Meta:
        ordering = ("-approved_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("before", "after", "view"),
                condition=Q(withdrawn_at__isnull=True),
                name="result_publication_one_live",
            ),
        )

    def __str__(self) -> str:
        return f"Published result {self.pk}"
