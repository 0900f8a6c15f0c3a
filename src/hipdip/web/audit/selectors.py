"""Reading the audit trail, for clinic admins."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet

from hipdip.web.audit.models import AuditEvent


@dataclass(frozen=True)
class AuditFilter:
    """Filters of the clinic audit page; empty values mean "any"."""

    actor: str = ""
    action: str = ""
    patient: str = ""
    outcome: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def audit_events_for_clinic(*, clinic: Model, filters: AuditFilter) -> QuerySet[AuditEvent]:
    """Events about a clinic's patients and staff, newest first, narrowed by `filters`."""
    qs = AuditEvent.objects.filter(clinic_id=clinic.pk).select_related("patient__user")
    if filters.actor:
        who = filters.actor.strip()
        qs = qs.filter(
            Q(actor_email__icontains=who) | Q(actor__full_name__icontains=who) | Q(actor_role=who)
        )
    if filters.action:
        qs = qs.filter(action__startswith=filters.action.strip())
    if filters.patient:
        term = filters.patient.strip()
        qs = qs.filter(
            Q(patient__user__email__icontains=term) | Q(patient__user__full_name__icontains=term)
        )
    if filters.outcome:
        qs = qs.filter(outcome=filters.outcome)
    if filters.date_from:
        qs = qs.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(at__date__lte=filters.date_to)
    return qs.order_by("-at", "-id")


def audit_action_names(*, clinic: Model) -> list[str]:
    """The distinct actions recorded for a clinic, for the filter's choices."""
    names = (
        AuditEvent.objects.filter(clinic_id=clinic.pk).values_list("action", flat=True).distinct()
    )
    return sorted(set(names))
