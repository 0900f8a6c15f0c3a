"""Personal training: a patient's programme (the options it was generated from) and their
workout logs. The exercises themselves are reference data (``hipdip.care.exercises``),
kept apart from these plans.

A programme stores its options, not its sessions: the dated schedule is generated from
them each time by ``hipdip.care.training`` with the surgeon's current clearance, so a
later hold or clearance date is always respected. Logs keep every saved version.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.timezone import now

from hipdip.web.accounts.models import User
from hipdip.web.patients.models import Patient

MAX_SETS, MAX_REPS, MAX_WORK_S, MAX_LOAD_KG = 20, 200, 3600, 300
RPE_MIN, RPE_MAX = 1, 10


class Goal(models.TextChoices):
    REDUCE_LOOK = "reduce_look", "Soften the look of my hip dips"
    MAINTAIN_AFTER_SURGERY = "maintain_after_surgery", "Keep my result after surgery"


class Level(models.TextChoices):
    BEGINNER = "beginner", "Beginner"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class Status(models.TextChoices):
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class Programme(models.Model):
    OWNER_PATH: ClassVar[str] = "patient"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="programmes")
    goal = models.CharField(max_length=30, choices=Goal.choices)
    level = models.CharField(max_length=20, choices=Level.choices)
    equipment = models.JSONField(default=list, blank=True)
    days_per_week = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2), MaxValueValidator(6)]
    )
    weeks = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    start_date = models.DateField()
    allow_high_impact = models.BooleanField(default=True)
    timezone = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        ordering = ("-created_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("patient",),
                condition=models.Q(status="active"),
                name="programme_one_active_per_patient",
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_goal_display()} from {self.start_date:%Y-%m-%d}"

    def owner_patient(self) -> Patient:
        return self.patient


class WorkoutLog(models.Model):
    """What the patient did on one scheduled session. ``revision`` counts saves; every
    saved version is kept in :class:`WorkoutLogRevision`, so an edit loses nothing."""

    OWNER_PATH: ClassVar[str] = "programme__patient"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="logs")
    session_date = models.DateField()
    rpe = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(RPE_MIN), MaxValueValidator(RPE_MAX)],
        help_text="Perceived effort of the whole session, 1 (very easy) to 10 (maximal).",
    )
    note = models.TextField(blank=True, max_length=1000)
    revision = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now, editable=False)
    updated_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ("-session_date",)
        constraints = (
            models.UniqueConstraint(
                fields=("programme", "session_date"), name="workoutlog_one_per_session"
            ),
        )

    def __str__(self) -> str:
        return f"Workout on {self.session_date:%Y-%m-%d}"

    def owner_patient(self) -> Patient:
        return self.programme.patient


class WorkoutEntry(models.Model):
    """One exercise of a log: sets done, and reps (strength) or seconds of work (cardio)
    per set, the load per hand, and how hard it felt."""

    log = models.ForeignKey(WorkoutLog, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveSmallIntegerField()
    exercise = models.CharField(max_length=40)
    sets = models.PositiveSmallIntegerField(validators=[MaxValueValidator(MAX_SETS)])
    reps = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_REPS)]
    )
    work_s = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_WORK_S)]
    )
    load_kg = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_LOAD_KG)],
    )
    rpe = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(RPE_MIN), MaxValueValidator(RPE_MAX)],
    )

    class Meta:
        ordering = ("log", "position")
        constraints = (
            models.UniqueConstraint(fields=("log", "position"), name="workoutentry_position"),
        )

    def __str__(self) -> str:
        return f"{self.exercise}: {self.sets} sets"

    @property
    def volume_reps(self) -> int:
        return self.sets * (self.reps or 0)

    @property
    def volume_kg(self) -> float:
        return float(self.load_kg or 0) * self.sets * (self.reps or 0) * 2  # a weight per hand


class WorkoutLogRevision(models.Model):
    """A saved version of a log, exactly as it was saved (never changed afterwards)."""

    log = models.ForeignKey(WorkoutLog, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField()
    content = models.JSONField()
    saved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ("log", "-revision")
        constraints = (
            models.UniqueConstraint(fields=("log", "revision"), name="workoutlogrevision_unique"),
        )

    def __str__(self) -> str:
        return f"Revision {self.revision} of {self.log_id}"
