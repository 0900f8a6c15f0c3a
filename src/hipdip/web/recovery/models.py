"""Recovery after surgery: the course (procedure date, time zone, the surgeon's training
clearance, the private calendar link) and the patient's daily check-ins with their triage.
Each clinic's overrides of the clinical defaults live in :mod:`hipdip.web.clinic`.

Clinical rules are not here: they live in :mod:`hipdip.care` (timeline, triage) and are
applied by the services. These models store inputs and results.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.timezone import now

from hipdip.web.accounts.models import User
from hipdip.web.clinic.care import timezone_error
from hipdip.web.patients.models import Patient

#: Limits of the check-in fields. They are the care layer's own input checks
#: (``hipdip.care.triage.CheckIn``) repeated for the database, not clinical thresholds.
PAIN_MAX = 10
GRADE_MAX = 3  # swelling and bruising: 0 none, 1 mild, 2 moderate, 3 severe
TEMP_MIN_C, TEMP_MAX_C = 30.0, 45.0
DRAIN_MAX_ML = 5000
NOTE_MAX = 1000


class RecoveryCourse(models.Model):
    """One patient's recovery from their procedure. Day 0 is ``procedure_date`` in the
    patient's own time zone.

    ``training_hold`` and ``training_cleared_on`` are the surgeon's say on training; no
    session is ever scheduled before the clearance (``hipdip.care.training``).
    """

    OWNER_PATH: ClassVar[str] = "patient"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.OneToOneField(
        Patient, on_delete=models.CASCADE, related_name="recovery_course"
    )
    procedure_date = models.DateField()
    timezone = models.CharField(
        max_length=64, help_text="The patient's IANA time zone, e.g. Europe/London."
    )
    procedure_ref = models.CharField(
        max_length=64, blank=True, help_text="Id of the procedure record this course follows."
    )
    training_hold = models.BooleanField(
        default=False, help_text="The surgeon has paused all training."
    )
    training_cleared_on = models.DateField(
        null=True, blank=True, help_text="First day the surgeon allows training."
    )
    clearance_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    clearance_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now, editable=False)
    updated_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ("-procedure_date",)

    def __str__(self) -> str:
        return f"Recovery from {self.procedure_date:%Y-%m-%d}"

    def clean(self) -> None:
        super().clean()
        problem = timezone_error(self.timezone)
        if problem:
            raise ValidationError({"timezone": problem})
        if (
            self.training_cleared_on
            and self.procedure_date
            and self.training_cleared_on < self.procedure_date
        ):
            raise ValidationError(
                {"training_cleared_on": "Clearance cannot come before the procedure."}
            )

    def owner_patient(self) -> Patient:
        return self.patient


class CalendarFeed(models.Model):
    """A patient's private calendar subscription address. The address carries a random
    token; only its SHA-256 is stored, so it is shown once, and replacing or turning it
    off makes the old address stop working at once."""

    OWNER_PATH: ClassVar[str] = "patient"

    patient = models.OneToOneField(Patient, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.patient}"

    def owner_patient(self) -> Patient:
        return self.patient


class Level(models.TextChoices):
    """Triage levels, as ``hipdip.care.triage.TriageLevel``."""

    ROUTINE = "routine", "Routine"
    URGENT = "urgent", "Urgent"
    EMERGENCY = "emergency", "Emergency"


LEVEL_RANK = {Level.ROUTINE: 0, Level.URGENT: 1, Level.EMERGENCY: 2}


class NotifyStatus(models.TextChoices):
    NOT_NEEDED = "not_needed", "No alert needed"
    PENDING = "pending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Not delivered"
    SKIPPED = "skipped", "Not sent"


class CheckIn(models.Model):
    """A daily check-in and the triage it got when it was stored.

    ``level``, ``reasons``, ``patient_advice`` and ``staff_summary`` are the care layer's
    result, kept as given so that what the patient was told can always be shown again.
    Urgent and emergency check-ins are alerts: staff are notified and acknowledge them.
    """

    OWNER_PATH: ClassVar[str] = "course__patient"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(RecoveryCourse, on_delete=models.CASCADE, related_name="checkins")
    submitted_at = models.DateTimeField(default=now)
    local_date = models.DateField(help_text="The date in the patient's time zone.")
    day = models.PositiveSmallIntegerField(help_text="Recovery day; 0 is the day of surgery.")
    submitted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pain = models.PositiveSmallIntegerField(validators=[MaxValueValidator(PAIN_MAX)])
    temperature_c = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(TEMP_MIN_C), MaxValueValidator(TEMP_MAX_C)],
    )
    swelling = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(GRADE_MAX)]
    )
    bruising = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(GRADE_MAX)]
    )
    drain_output_ml = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(DRAIN_MAX_ML)]
    )
    garment_worn = models.BooleanField(null=True, blank=True)
    symptoms = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True, max_length=NOTE_MAX)
    level = models.CharField(max_length=10, choices=Level.choices)
    reasons = models.JSONField(default=list, blank=True)
    patient_advice = models.TextField()
    staff_summary = models.TextField()
    fingerprint = models.CharField(max_length=64, db_index=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledgement_note = models.TextField(blank=True, max_length=NOTE_MAX)
    notify_status = models.CharField(
        max_length=12, choices=NotifyStatus.choices, default=NotifyStatus.NOT_NEEDED
    )
    notify_attempts = models.PositiveSmallIntegerField(default=0)
    notified_at = models.DateTimeField(null=True, blank=True)
    notify_error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("-submitted_at",)
        indexes = (
            models.Index(fields=("course", "-submitted_at")),
            models.Index(fields=("level", "acknowledged_at")),
        )
        constraints = (
            models.CheckConstraint(
                condition=models.Q(level__in=["routine", "urgent", "emergency"]),
                name="checkin_level_known",
            ),
        )

    def __str__(self) -> str:
        return f"Check-in day {self.day} ({self.level})"

    def owner_patient(self) -> Patient:
        return self.course.patient

    @property
    def is_alert(self) -> bool:
        return self.level != Level.ROUTINE

    @property
    def level_rank(self) -> int:
        return LEVEL_RANK[Level(self.level)]

    @property
    def needs_acknowledgement(self) -> bool:
        return self.is_alert and self.acknowledged_at is None

    @property
    def symptom_labels(self) -> list[str]:
        from hipdip.care.triage import SYMPTOMS

        return [SYMPTOMS[c].label if c in SYMPTOMS else c for c in self.symptoms]
