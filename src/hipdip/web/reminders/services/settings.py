"""Saving a clinic's escalation settings (its admins only, checked by the view)."""

from __future__ import annotations

from django.db import transaction

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Clinic, User
from hipdip.web.audit.services import audit_record
from hipdip.web.reminders.models import EscalationSettings


def escalation_settings_save(
    *, actor: Actor, clinic: Clinic, escalation_minutes: int, on_call: User | None
) -> EscalationSettings:
    """Validate and store who is on call and how long alerts may wait."""
    row = EscalationSettings.objects.filter(clinic=clinic).first() or EscalationSettings(
        clinic=clinic
    )
    row.escalation_minutes = escalation_minutes
    row.on_call = on_call
    row.full_clean()
    with transaction.atomic():
        row.save()
        audit_record(
            actor=actor,
            action="escalation_settings.update",
            clinic=clinic,
            target=row,
            detail={"minutes": escalation_minutes, "on_call": on_call.pk if on_call else None},
        )
    return row
