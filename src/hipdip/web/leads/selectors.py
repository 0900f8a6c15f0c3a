"""Reads for leads: a clinic's leads for its staff."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.roles import require_staff
from hipdip.web.leads.models import Lead, LeadStatus


def leads_for_staff(*, actor: Actor, status: str = "") -> QuerySet[Lead]:
    """The leads of the actor's clinic, newest first (PermissionDenied for non-staff)."""
    clinic = require_staff(actor)
    qs = Lead.objects.filter(clinic=clinic)
    if status in LeadStatus.values:
        qs = qs.filter(status=status)
    return qs


def lead_for_staff(*, actor: Actor, lead_id: uuid.UUID | str) -> Lead:
    """One lead of the actor's clinic; another clinic's lead is 404, as if absent."""
    try:
        return leads_for_staff(actor=actor).get(pk=lead_id)
    except (Lead.DoesNotExist, ValueError) as exc:
        raise Http404("No such lead.") from exc
    except PermissionDenied:
        raise
