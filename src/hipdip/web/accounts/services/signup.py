"""Self sign-up: a person creates an account for a self-assessment, without a clinic."""

from __future__ import annotations

from django.db import transaction

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role, User, normalize_email
from hipdip.web.accounts.services._common import validate_password
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import Conflict
from hipdip.web.patients.models import Patient


def patient_sign_up(*, actor: Actor, email: str, full_name: str, password: str) -> Patient:
    """A person creates their own account for a self-assessment (no clinic)."""
    email = normalize_email(email)
    if User.objects.filter(email=email).exists():
        raise Conflict(
            "An account with this email already exists. Sign in, or reset your password.",
            code="email_taken",
        )
    user = User(email=email, full_name=full_name.strip(), role=Role.PATIENT)
    validate_password(password, user)
    user.set_password(password)
    with transaction.atomic():
        user.full_clean()
        user.save()
        patient = Patient(user=user, created_by=user)
        patient.full_clean()
        patient.save()
        audit_record(
            actor=Actor(user, actor.channel, actor.ip, actor.user_agent),
            action="account.sign_up",
            patient=patient,
            target=patient,
        )
    return patient
