"""Writing audit events. Every read and change of patient data goes through `audit_record`."""

from __future__ import annotations

from typing import Any, Protocol

from django.db import models

from hipdip.web.audit.models import AuditEvent, Outcome


class Acting(Protocol):
    """Who acts, and from where (``hipdip.web.accounts.actor.Actor`` is one). The trail
    sits below accounts, so it asks only for these attributes."""

    @property
    def user(self) -> Any: ...

    @property
    def channel(self) -> str: ...

    @property
    def ip(self) -> str | None: ...

    @property
    def user_agent(self) -> str: ...


def audit_record(
    *,
    actor: Acting,
    action: str,
    patient: models.Model | None = None,
    target: models.Model | None = None,
    outcome: str = Outcome.OK,
    clinic: models.Model | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Store one event. `detail` must hold identifiers or field names only, never health data.

    The clinic defaults to the patient's clinic, else the actor's, so clinic admins see
    events about their patients and their staff.
    """
    user = actor.user
    clinic_id = (
        clinic.pk
        if clinic is not None
        else getattr(patient if patient is not None else user, "clinic_id", None)
    )
    event = AuditEvent(
        actor=user,
        actor_email=user.email if user is not None else "",
        actor_role=user.role if user is not None else "",
        clinic_id=clinic_id,
        patient_id=patient.pk if patient is not None else None,
        action=action,
        outcome=outcome,
        object_type=(target._meta.model_name or "") if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        channel=actor.channel,
        ip=actor.ip,
        user_agent=actor.user_agent[:300],
        detail=detail or {},
    )
    event.full_clean()
    event.save(force_insert=True)
    return event
