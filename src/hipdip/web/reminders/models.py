"""Per-clinic settings of the reminder jobs: when an unacknowledged alert is escalated,
and to whom."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from hipdip.web.accounts.models import Clinic, Role, User

#: Default wait before an unacknowledged urgent or emergency check-in is escalated. A
#: workflow setting of the clinic (how fast staff answer), not a clinical threshold.
DEFAULT_ESCALATION_MINUTES = 30


class EscalationSettings(models.Model):
    """Who is on call, and how long an urgent or emergency check-in may wait for an
    acknowledgement before they are told by email and text. Edited by clinic admins."""

    clinic = models.OneToOneField(Clinic, on_delete=models.CASCADE, related_name="escalation")
    escalation_minutes = models.PositiveSmallIntegerField(
        default=DEFAULT_ESCALATION_MINUTES,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
        help_text="Minutes an urgent or emergency check-in may wait for an acknowledgement.",
    )
    on_call = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The surgeon told when an alert is not acknowledged in time.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "escalation settings"
        verbose_name_plural = "escalation settings"

    def __str__(self) -> str:
        return f"Escalation settings of {self.clinic}"

    def clean(self) -> None:
        super().clean()
        if self.on_call_id is not None:
            person = self.on_call
            if person is None or person.clinic_id != self.clinic_id or person.role != Role.SURGEON:
                raise ValidationError({"on_call": "Choose one of the clinic's surgeons."})
