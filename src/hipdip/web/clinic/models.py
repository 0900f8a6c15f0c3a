"""Clinic-wide settings every feature app reads: the clinic's overrides of the clinical
defaults, who gets check-in alerts, and the time zone new recovery courses start in.

The table keeps its original name (``recovery_cliniccaresettings``): the model moved here
from ``recovery`` without touching the database.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
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
    default_timezone = models.CharField(max_length=64, default="UTC")
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
