"""Appointments: the visit types of a clinic, when its staff see people (weekly hours and
exceptions), its booking rules, and the booked visits themselves.

No person is booked twice at once: on PostgreSQL two exclusion constraints over the
visit's time range (one per staff member, one per patient, booked visits only) make it a
database guarantee, added by migration 0002 on PostgreSQL only; on SQLite every write
transaction is serialised (``transaction_mode = IMMEDIATE``) and the booking service
checks for overlaps inside its transaction.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from hipdip.web.accounts.models import Clinic, User
from hipdip.web.appointments.rules import HORIZON_DAYS_MAX, NOTICE_HOURS_MAX
from hipdip.web.patients.models import Patient


class Kind(models.TextChoices):
    CONSULTATION = "consultation", "Consultation"
    PREOP = "preop", "Pre-op visit"
    PROCEDURE = "procedure", "Procedure"
    FOLLOWUP = "followup", "Follow-up"
    TRAINING_REVIEW = "training_review", "Training review"


class Status(models.TextChoices):
    BOOKED = "booked", "Booked"
    CANCELLED = "cancelled", "Cancelled"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class AppointmentType(models.Model):
    """A kind of visit a clinic offers, with its length. `key` is stable (``consultation``,
    ``followup_day_7``); `name` is what people read."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="appointment_types")
    key = models.SlugField(max_length=40)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=100)
    duration_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(5), MaxValueValidator(12 * 60)]
    )
    patient_bookable = models.BooleanField(
        default=False, help_text="Patients may book, move and cancel this visit themselves."
    )
    followup_day = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For follow-ups: the day after surgery it belongs to."
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ("clinic", "kind", "followup_day", "name")
        constraints = (
            models.UniqueConstraint(fields=("clinic", "key"), name="appointment_type_key_unique"),
        )

    def __str__(self) -> str:
        return f"{self.name} ({self.duration_minutes} min)"


class WeeklyHours(models.Model):
    """One block of a staff member's usual week, in the clinic's time zone."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(User, on_delete=models.CASCADE, related_name="weekly_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start_time = models.TimeField()
    end_time = models.TimeField()

    class Meta:
        ordering = ("staff", "weekday", "start_time")
        verbose_name_plural = "weekly hours"

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}-{self.end_time:%H:%M}"

    def clean(self) -> None:
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "The end must be after the start."})


class ExceptionKind(models.TextChoices):
    OFF = "off", "Not available"
    EXTRA = "extra", "Extra hours"


class AvailabilityException(models.Model):
    """A change to one day: time off (the whole day when no times are given) or extra
    hours, in the clinic's time zone."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(User, on_delete=models.CASCADE, related_name="availability_changes")
    date = models.DateField()
    kind = models.CharField(max_length=10, choices=ExceptionKind.choices)
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("staff", "date", "start_time")

    def __str__(self) -> str:
        when = f"{self.start_time:%H:%M}-{self.end_time:%H:%M}" if self.start_time else "all day"
        return f"{self.get_kind_display()} on {self.date:%Y-%m-%d}, {when}"

    @property
    def whole_day(self) -> bool:
        return self.start_time is None

    def clean(self) -> None:
        super().clean()
        if (self.start_time is None) != (self.end_time is None):
            raise ValidationError("Give both a start and an end time, or neither for all day.")
        if self.kind == ExceptionKind.EXTRA and self.start_time is None:
            raise ValidationError({"start_time": "Extra hours need a start and an end time."})
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "The end must be after the start."})


class BookingRules(models.Model):
    """A clinic's own booking rules; an empty value means the product default
    (``hipdip.web.appointments.rules``)."""

    clinic = models.OneToOneField(Clinic, on_delete=models.CASCADE, related_name="booking_rules")
    notice_hours = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(NOTICE_HOURS_MAX)],
        help_text="Patients book, move or cancel at least this many hours ahead.",
    )
    horizon_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(HORIZON_DAYS_MAX)],
        help_text="Patients book at most this many days ahead.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "booking rules"

    def __str__(self) -> str:
        return f"Booking rules of {self.clinic}"


class Appointment(models.Model):
    """One visit of a patient with a staff member, from `start` to `end` (aware datetimes,
    stored in UTC). Moving a visit changes its times in place; cancelling keeps the row."""

    OWNER_PATH: ClassVar[str] = "patient"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="appointments")
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="appointments")
    staff = models.ForeignKey(User, on_delete=models.PROTECT, related_name="staff_appointments")
    type = models.ForeignKey(AppointmentType, on_delete=models.PROTECT, related_name="+")
    start = models.DateTimeField()
    end = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("start",)
        indexes = (
            models.Index(fields=("clinic", "start"), name="appointment_clinic_start"),
            models.Index(fields=("staff", "start"), name="appointment_staff_start"),
            models.Index(fields=("patient", "start"), name="appointment_patient_start"),
        )
        constraints = (
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="appointment_end_after_start"
            ),
        )

    def __str__(self) -> str:
        return f"{self.type.name} on {self.start:%Y-%m-%d %H:%M} UTC"

    def owner_patient(self) -> Patient:
        return self.patient

    @property
    def is_booked(self) -> bool:
        return self.status == Status.BOOKED
