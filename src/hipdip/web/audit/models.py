"""Append-only audit trail: who did what to which patient's data, when, and from where.

The trail sits below the apps that write to it (accounts, patients and every feature), so
it names users, clinics and patients by model string and never imports them."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone


class Outcome(models.TextChoices):
    OK = "ok", "Allowed"
    DENIED = "denied", "Denied"
    FAILED = "failed", "Failed"


class Channel(models.TextChoices):
    WEB = "web", "Web"
    API = "api", "API"
    ADMIN = "admin", "Admin"
    TASK = "task", "Background task"
    CLI = "cli", "Command line"


class AuditEvent(models.Model):
    """One read or change. `detail` holds identifiers and field names, never health data."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_email = models.CharField(max_length=254, blank=True)
    actor_role = models.CharField(max_length=20, blank=True)
    clinic = models.ForeignKey(
        "accounts.Clinic", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    patient = models.ForeignKey(
        "patients.Patient", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=60)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.OK)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-at", "-id")
        indexes = (
            models.Index(fields=("clinic", "-at")),
            models.Index(fields=("patient", "-at")),
            models.Index(fields=("actor", "-at")),
            models.Index(fields=("action", "-at")),
        )

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_email or 'anonymous'} {self.action}"

    @property
    def actor_role_label(self) -> str:
        labels = dict(get_user_model()._meta.get_field("role").flatchoices)
        return str(labels.get(self.actor_role, self.actor_role))
