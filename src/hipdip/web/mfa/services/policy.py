"""The clinic's choice of who must use two-step sign-in."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Clinic
from hipdip.web.audit.services import audit_record
from hipdip.web.mfa.models import MfaPolicy, Requirement


def mfa_policy_set(*, actor: Actor, clinic: Clinic, required_for: Requirement) -> MfaPolicy:
    """Store the clinic admin's choice (audited). People newly required are asked to set
    up a second step at their next page."""
    with transaction.atomic():
        policy, created = MfaPolicy.objects.select_for_update().get_or_create(clinic=clinic)
        before = None if created else policy.required_for
        policy.required_for = required_for
        policy.chosen_by = actor.user
        policy.updated_at = timezone.now()
        policy.full_clean()
        policy.save()
        audit_record(
            actor=actor,
            action="mfa.policy_set",
            target=policy,
            clinic=clinic,
            detail={"required_for": str(required_for), "before": before},
        )
    return policy
