"""The intake (a draft, then submitted answers with their change history), the surgeon's
overrides of screening findings, and each clinic's choice of body-image questionnaire.

Screening findings themselves are not stored: they are worked out by
:func:`hipdip.care.screening.screen` from the current answers and measurements, so they
can never go stale. What is stored is what people decided: answers, overrides, approvals.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from hipdip.care.bodyimage import Instrument, load_questionnaire
from hipdip.web.accounts.models import Clinic, User
from hipdip.web.patients.models import Patient


class IntakeStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


class Intake(models.Model):
    """A patient's consultation questionnaire. ``answers`` maps question names (see
    :mod:`hipdip.web.consultations.questions`) to stored values; ``questionnaire`` is the
    body-image item set the intake was started with. ``version`` grows with every save,
    so two people editing at once cannot overwrite each other."""

    OWNER_PATH: ClassVar[str] = "patient"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.OneToOneField(Patient, on_delete=models.CASCADE, related_name="intake")
    status = models.CharField(
        max_length=10, choices=IntakeStatus.choices, default=IntakeStatus.DRAFT
    )
    answers = models.JSONField(default=dict, blank=True)
    questionnaire = models.JSONField()
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = (
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(submitted_at__isnull=False),
                name="intake_submitted_has_date",
            ),
        )

    def __str__(self) -> str:
        return f"Intake ({self.get_status_display().lower()})"

    def owner_patient(self) -> Patient:
        return self.patient

    @property
    def is_submitted(self) -> bool:
        return self.status == IntakeStatus.SUBMITTED


class ChangeKind(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    CHANGED = "changed", "Changed after submission"


class IntakeChange(models.Model):
    """One entry of an intake's history: who submitted or changed what, and when.

    ``changes`` lists ``{"field", "label", "old", "new"}`` with values as shown to people.
    It lives with the record it describes (same access rules), not in the audit log,
    which holds field names only.
    """

    OWNER_PATH: ClassVar[str] = "intake__patient"

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=10, choices=ChangeKind.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(max_length=150, blank=True)
    by_role = models.CharField(max_length=20, blank=True)
    changes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.by_name or 'someone'}"

    def owner_patient(self) -> Patient:
        return self.intake.patient


class FindingOverride(models.Model):
    """A surgeon's recorded decision to go ahead despite a screening or plan finding.

    At most one override per finding code is in force; withdrawing one keeps the record.
    """

    OWNER_PATH: ClassVar[str] = "patient"

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="overrides")
    code = models.CharField(max_length=60)
    reason = models.TextField(max_length=2000)
    decided_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by_name = models.CharField(max_length=150)
    decided_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-created_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("patient", "code"),
                condition=models.Q(withdrawn_at__isnull=True),
                name="override_one_in_force_per_code",
            ),
        )

    def __str__(self) -> str:
        return f"Override of {self.code} by {self.decided_by_name}"

    def owner_patient(self) -> Patient:
        return self.patient


class ClinicQuestionnaire(models.Model):
    """Which body-image questionnaire a clinic's intakes use, and optionally its original
    wording (a JSON item set checked by :func:`hipdip.care.bodyimage.load_questionnaire`).
    Without a row, intakes use the adapted DCQ."""

    clinic = models.OneToOneField(
        Clinic, on_delete=models.CASCADE, related_name="body_image_questionnaire"
    )
    instrument = models.CharField(
        max_length=10,
        choices=[(Instrument.DCQ, "DCQ"), (Instrument.BDDQ_AS, "BDDQ-AS")],
        default=Instrument.DCQ,
    )
    original_wording = models.JSONField(
        null=True,
        blank=True,
        help_text='The licensed item texts: {"title": ..., "wording": "original", "items": '
        '[{"text": ..., "options": [...]}, ...]}. Empty: hipdip\'s adapted wording.',
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "body-image questionnaire"

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} for {self.clinic}"

    def clean(self) -> None:
        super().clean()
        if self.original_wording:
            try:
                load_questionnaire(self.item_set())
            except ValueError as exc:
                raise ValidationError({"original_wording": str(exc)}) from exc

    def item_set(self) -> dict[str, Any]:
        return {**(self.original_wording or {}), "instrument": self.instrument}
