"""Creating patient records: a person signs up alone for a self-assessment, or clinic
staff invite them (the invitation itself is an accounts service)."""

from __future__ import annotations

from django.db import transaction

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Clinic, Role, User, normalize_email
from hipdip.web.accounts.services import InvitationSent, invitation_create, validate_password
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


def patient_invite(
    *, actor: Actor, clinic: Clinic, email: str, full_name: str, site_url: str | None = None
) -> InvitationSent:
    """Create a patient record for `email` in `clinic` and email them a link to sign in.

    A person who already signed up alone keeps their account and joins the clinic when they
    accept. Staff can add photo sessions to the record straight away.
    """
    email = normalize_email(email)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email=email).first()
        if user is None:
            user = User(email=email, full_name=full_name.strip(), role=Role.PATIENT)
            user.set_unusable_password()
            user.full_clean()
            user.save()
            patient = Patient(user=user, clinic=clinic, created_by=actor.user)
            patient.full_clean()
            patient.save()
        elif (
            user.is_patient
            and hasattr(user, "patient")
            and user.patient.clinic_id
            in (
                None,
                clinic.pk,
            )
        ):
            # A self sign-up joins when they accept; a patient of this clinic gets a new link.
            patient = user.patient
        else:
            raise Conflict(
                "This email already belongs to another account and cannot be invited.",
                code="email_taken",
            )
        sent = invitation_create(
            actor=actor, clinic=clinic, user=user, role=Role.PATIENT, site_url=site_url
        )
        audit_record(actor=actor, action="patient.invite", patient=patient, target=sent.invitation)
    return sent
