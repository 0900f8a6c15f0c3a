"""Marks kept as data, and gallery consent."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from hipdip.web.accounts.models import User
from hipdip.web.patients.models import Patient
from hipdip.web.photos.models import Photo

#: Most marks one set may hold (a busy plan has about a dozen).
MAX_MARKS = 60


class MarkingSet(models.Model):
    """The surgeon's marks on one photo: a list of `hipdip.vision.markings.Mark` dicts.

    One set per photo for the consultation, and one per photo and treatment plan once a
    plan refers to it (`plan_id`: the plan's id, kept as a plain value so this app does not
    depend on the plans app). `version` grows by one with every save; a save that names an
    older version is refused, so two people editing at once never overwrite each other
    unknowingly. Coordinates are (x, y) pixels of the photo as analysed.
    """

    OWNER_PATH: ClassVar[str] = "patient"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="marking_sets")
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="marking_sets")
    plan_id = models.UUIDField(null=True, blank=True, db_index=True)
    marks = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-updated_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("photo",),
                condition=Q(plan_id__isnull=True),
                name="markingset_one_per_photo",
            ),
            models.UniqueConstraint(
                fields=("photo", "plan_id"),
                condition=Q(plan_id__isnull=False),
                name="markingset_one_per_photo_and_plan",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="markingset_version_positive"),
        )

    def __str__(self) -> str:
        return f"Markings v{self.version} on {self.photo_id}"

    def owner_patient(self) -> Patient:
        return self.patient


class ConsentScope(models.TextChoices):
    CLINIC = "clinic", "In the clinic (shown to other patients during consultations)"
    PUBLIC = "public", "Public (the clinic's website and printed material)"


class GalleryConsent(models.Model):
    """A patient's recorded agreement that de-identified before/after pictures may be shown.

    Recorded by clinic staff from the signed form; withdrawn by staff or by the patient
    at any time (`revoked_at`). A consent is never deleted, so the history stays.
    """

    OWNER_PATH: ClassVar[str] = "patient"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="gallery_consents")
    scope = models.CharField(max_length=20, choices=ConsentScope.choices)
    granted_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(
        max_length=200, blank=True, help_text="E.g. where the signed form is filed."
    )
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-granted_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("patient", "scope"),
                condition=Q(revoked_at__isnull=True),
                name="galleryconsent_one_active_per_scope",
            ),
        )

    def __str__(self) -> str:
        return f"Gallery consent ({self.scope}) of {self.patient_id}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def owner_patient(self) -> Patient:
        return self.patient
