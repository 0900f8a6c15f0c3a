"""A lead: a person who asked the clinic to contact them, and what staff did about it."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from hipdip.web.accounts.models import Clinic


class Interest(models.TextChoices):
    SELF_ASSESSMENT = "self_assessment", "A self-assessment from photos"
    SURGERY = "surgery", "A surgery consultation"
    TRAINING = "training", "Training"


class ContactBy(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"


class LeadStatus(models.TextChoices):
    NEW = "new", "New"
    CONTACTED = "contacted", "Contacted"
    BOOKED = "booked", "Booked"
    CLOSED = "closed", "Closed"


class LeadSource(models.TextChoices):
    FORM = "form", "Contact form"
    API = "api", "API"


class Lead(models.Model):
    """Someone who asked to be contacted, with their consent, and the staff's follow-up."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="leads")
    name = models.CharField(max_length=150)
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=40, blank=True)
    contact_by = models.CharField(max_length=10, choices=ContactBy.choices, default=ContactBy.EMAIL)
    interest = models.CharField(max_length=20, choices=Interest.choices)
    message = models.TextField(max_length=2000, blank=True)
    consent_at = models.DateTimeField(help_text="When the person agreed to be contacted.")
    source = models.CharField(max_length=10, choices=LeadSource.choices, default=LeadSource.FORM)
    status = models.CharField(max_length=12, choices=LeadStatus.choices, default=LeadStatus.NEW)
    notes = models.TextField(max_length=4000, blank=True)
    #: When the clinic was told by email; empty while that has not worked (the lead is kept).
    notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = (models.Index(fields=("clinic", "status", "-created_at")),)
        constraints = (
            models.CheckConstraint(
                condition=~models.Q(contact_by="phone") | ~models.Q(phone=""),
                name="lead_phone_when_called",
            ),
        )

    def __str__(self) -> str:
        return f"{self.name} ({self.get_interest_display()})"
