"""Clinic-wide settings every feature app reads: the clinic's overrides of the clinical
defaults, who gets check-in alerts, and the time zone new recovery courses start in.

The table keeps its original name (``recovery_cliniccaresettings``): the model moved here
from ``recovery`` without touching the database.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from hipdip.web.accounts.models import Clinic
from hipdip.web.clinic.care import settings_from_overrides, timezone_error


class ClinicCareSettings(models.Model):
    """A clinic's overrides of the clinical defaults in ``hipdip.care.settings`` (validated
    by the care layer itself), who gets alert emails, and the time zone new courses use."""

    clinic = models.OneToOneField(Clinic, on_delete=models.CASCADE, related_name="care_settings")
    overrides = models.JSONField(
        default=dict,
        blank=True,
        help_text='Clinical settings that differ from the defaults, e.g. {"fever_c": 38.5}.',
    )
    alert_emails = models.TextField(
        blank=True,
        help_text="Addresses for check-in alerts, one per line. Empty: the clinic's "
        "coordinators and surgeons.",
    )
    #: No default: a clinic's zone is asked for when it is set up (never a silent UTC).
    default_timezone = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "recovery_cliniccaresettings"
        verbose_name = "clinic care settings"
        verbose_name_plural = "clinic care settings"

    def __str__(self) -> str:
        return f"Care settings of {self.clinic}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        try:
            settings_from_overrides(self.overrides or {})
        except ValueError as exc:
            errors["overrides"] = str(exc)
        tz_problem = timezone_error(self.default_timezone)
        if tz_problem:
            errors["default_timezone"] = tz_problem
        if errors:
            raise ValidationError(errors)

    @property
    def alert_addresses(self) -> list[str]:
        return [a.strip() for a in self.alert_emails.replace(",", "\n").splitlines() if a.strip()]


class SettingsVersion(models.Model):
    """One saved version of a clinic's clinical-setting overrides, kept so an admin can see
    what changed, undo the last change or restore any earlier version."""

    class Action(models.TextChoices):
        BEFORE = "before", "As they were before the first change here"
        SAVE = "save", "Changed"
        RESET = "reset", "Reset to the default"
        UNDO = "undo", "Last change undone"
        RESTORE = "restore", "Earlier version restored"

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="settings_versions")
    number = models.PositiveIntegerField()
    overrides = models.JSONField(default=dict, blank=True)
    #: Setting key -> [before, after] as shown to people (e.g. "38.0").
    changes = models.JSONField(default=dict, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    restored_from = models.PositiveIntegerField(null=True, blank=True)
    saved_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-number",)
        constraints = (
            models.UniqueConstraint(fields=("clinic", "number"), name="settings_version_unique"),
        )

    def __str__(self) -> str:
        return f"Settings version {self.number} of {self.clinic}"


phone_validator = RegexValidator(
    r"^\+?[0-9 ()./-]{5,30}$", "Use digits, spaces and + ( ) - only, e.g. +44 20 7946 0000."
)


def tel_href(number: str) -> str:
    """A tap-to-call link target: the number's digits with a leading + kept."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return ("tel:+" if number.strip().startswith("+") else "tel:") + digits if digits else ""


class ClinicProfile(models.Model):
    """What the public site and the app tell people about the clinic: its name, where it
    is, how to call it (also out of hours) and when it is open. Edited by its admins."""

    clinic = models.OneToOneField(Clinic, on_delete=models.CASCADE, related_name="profile")
    public_name = models.CharField(
        max_length=200, blank=True, help_text="Shown on the site; empty: the clinic's name."
    )
    address = models.TextField(max_length=500, blank=True)
    phone = models.CharField(max_length=40, blank=True, validators=[phone_validator])
    emergency_phone = models.CharField(
        max_length=40,
        blank=True,
        validators=[phone_validator],
        help_text="For patients after surgery, out of hours.",
    )
    opening_hours = models.TextField(
        max_length=500, blank=True, help_text="One line per day or range, e.g. Mon-Fri 9:00-17:00."
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Profile of {self.clinic}"

    @property
    def name(self) -> str:
        return self.public_name or self.clinic.name

    @property
    def phone_href(self) -> str:
        return tel_href(self.phone)

    @property
    def emergency_phone_href(self) -> str:
        return tel_href(self.emergency_phone)

    @property
    def opening_lines(self) -> list[str]:
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]


class SurgeonBio(models.Model):
    """A short public biography of one of the clinic's surgeons."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="surgeon_bios")
    surgeon = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, related_name="surgeon_bio"
    )
    title = models.CharField(
        max_length=120, blank=True, help_text="e.g. Consultant plastic surgeon"
    )
    bio = models.TextField(max_length=1200, blank=True)

    def __str__(self) -> str:
        return f"Bio of {self.surgeon}"
