"""Creating patient records: a person signs up alone for a self-assessment, or clinic
staff invite them (the invitation itself is an accounts service)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Clinic, Role, User, normalize_email
from hipdip.web.accounts.services import InvitationSent, invitation_create, validate_password
from hipdip.web.accounts.throttle import (
    login_failure_record,
    login_success_record,
    login_wait_seconds,
)
from hipdip.web.audit.models import Outcome
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import Conflict, DomainError, Throttled, full_clean_or_raise
from hipdip.web.patients.models import Patient, PatientHeight
from hipdip.web.patients.phones import phone_to_e164


class _SignUpTokens(PasswordResetTokenGenerator):
    """Links that confirm a self sign-up: signed, valid for PASSWORD_RESET_TIMEOUT, and
    spent once the account is active (or its password changes). Their own salt, so a
    password-reset link is not a confirmation link."""

    key_salt = "hipdip.web.patients.services.SignUpTokens"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return super()._make_hash_value(user, timestamp) + str(user.is_active)


_sign_up_tokens = _SignUpTokens()


def patient_sign_up(
    *, actor: Actor, email: str, full_name: str, password: str, site_url: str | None = None
) -> Patient | None:
    """A person asks for their own account for a self-assessment (no clinic).

    The answer never tells whether the email already has an account: a new account is
    created inactive and its confirmation link emailed; the holder of an existing account
    is emailed that someone tried to sign up with their address instead. Returns the new
    (inactive) patient record, or None when the email was taken. Someone who signs up
    again before confirming replaces the name and password (the latest sign-up wins, and
    the earlier links stop working).
    """
    email = normalize_email(email)
    candidate = User(email=email, full_name=full_name.strip(), role=Role.PATIENT)
    validate_password(password, candidate)  # the same check whether or not the email is taken
    base = (site_url or settings.HIPDIP_SITE_URL).rstrip("/")
    with transaction.atomic():
        existing = User.objects.select_for_update().filter(email=email).first()
        if existing is not None and not _is_unconfirmed_sign_up(existing):
            make_password(password)  # as long as creating an account takes
            _email_on_commit(
                "patients/email/signup_exists.txt",
                "Someone tried to create a hipdip account with your email",
                existing,
                {
                    "login_url": base + reverse("accounts:login"),
                    "reset_url": base + reverse("accounts:password_reset"),
                },
            )
            audit_record(
                actor=actor,
                action="account.sign_up",
                outcome=Outcome.DENIED,
                detail={"reason": "email_taken"},
                clinic=existing.clinic,
            )
            return None
        user = existing or candidate
        user.full_name = candidate.full_name
        user.is_active = False
        user.set_password(password)
        user.full_clean()
        user.save()
        patient = Patient.objects.filter(user=user).first()
        if patient is None:
            patient = Patient(user=user, created_by=user)
            patient.full_clean()
            patient.save()
        audit_record(
            actor=Actor(user, actor.channel, actor.ip, actor.user_agent),
            action="account.sign_up",
            patient=patient,
            target=patient,
        )
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        link = reverse(
            "accounts:signup_confirm",
            kwargs={"uidb64": uid, "token": _sign_up_tokens.make_token(user)},
        )
        _email_on_commit(
            "patients/email/signup_confirm.txt",
            "Confirm your hipdip account",
            user,
            {"url": base + link, "hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
        )
    return patient


def _is_unconfirmed_sign_up(user: User) -> bool:
    """A self sign-up whose link was never used: inactive, never signed in, no clinic."""
    return (
        not user.is_active
        and user.last_login is None
        and user.role == Role.PATIENT
        and Patient.objects.filter(user=user, created_by=user, clinic=None).exists()
    )


def _email_on_commit(template: str, subject: str, user: User, context: dict[str, Any]) -> None:
    body = render_to_string(template, {"user": user, **context})
    transaction.on_commit(
        lambda: send_mail(subject, body, None, [user.email], fail_silently=False), robust=True
    )


def sign_up_user_from_link(uidb64: str, token: str) -> User | None:
    """The account a confirmation link is for, while the link is still good; else None."""
    try:
        pk = urlsafe_base64_decode(uidb64).decode()
        user = User.objects.filter(pk=int(pk)).first()
    except (ValueError, TypeError, OverflowError):
        return None
    if user is None or user.is_active or not _sign_up_tokens.check_token(user, token):
        return None
    return user


def patient_sign_up_confirm(*, actor: Actor, user: User, password: str) -> User:
    """Activate a self sign-up from its emailed link, once the person also gives the
    password they chose (so a link sent by someone else's sign-up cannot take over the
    address with that someone's password). Rate limited like signing in."""
    wait = login_wait_seconds(email=user.email, ip=actor.ip)
    if wait:
        raise Throttled("Too many attempts. Wait a little, then try again.")
    if not user.check_password(password):
        login_failure_record(email=user.email, ip=actor.ip)
        raise DomainError("The password is not right.", code="invalid_credentials")
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=True)
        user.is_active = True
        audit_record(
            actor=Actor(user, actor.channel, actor.ip, actor.user_agent),
            action="account.confirm",
            patient=getattr(user, "patient", None),
            target=user,
        )
    login_success_record(email=user.email, ip=actor.ip)
    return user


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


class InvalidContactDetails(DomainError):
    """Contact details that cannot be stored as given (e.g. a number that is not one)."""

    status_code = 422
    code = "invalid_contact"


#: The contact fields a patient and their clinic's staff may change.
CONTACT_FIELDS = (
    "phone",
    "preferred_contact",
    "emergency_contact_name",
    "emergency_contact_relation",
    "emergency_contact_phone",
)


def patient_contact_update(
    *,
    actor: Actor,
    patient: Patient,
    phone: str = "",
    preferred_contact: str = "email",
    emergency_contact_name: str = "",
    emergency_contact_relation: str = "",
    emergency_contact_phone: str = "",
) -> Patient:
    """Set a patient's phone, preferred way of contact and emergency contact.

    Phone numbers are checked and stored in E.164; a number that is not one, or a phone
    or text preference without a phone, is refused whole (nothing is saved). The audit
    event names the fields that changed, never their values.
    """
    errors: dict[str, list[str]] = {}
    numbers: dict[str, str] = {}
    for field, raw in (("phone", phone), ("emergency_contact_phone", emergency_contact_phone)):
        try:
            numbers[field] = phone_to_e164(raw)
        except ValueError as exc:
            errors[field] = [str(exc)]
    if (
        preferred_contact in ("phone", "text")
        and not numbers.get("phone")
        and "phone" not in errors
    ):
        errors["phone"] = ["Add a phone number to be reached by phone or text."]
    if errors:
        first = next(iter(errors.values()))[0]
        raise InvalidContactDetails(first, details=errors)
    values = {
        "phone": numbers["phone"],
        "preferred_contact": preferred_contact,
        "emergency_contact_name": emergency_contact_name.strip(),
        "emergency_contact_relation": emergency_contact_relation.strip(),
        "emergency_contact_phone": numbers["emergency_contact_phone"],
    }
    with transaction.atomic():
        locked = Patient.objects.select_for_update().get(pk=patient.pk)
        changed = [f for f in CONTACT_FIELDS if getattr(locked, f) != values[f]]
        for field, value in values.items():
            setattr(locked, field, value)
        full_clean_or_raise(locked, exclude=["user", "clinic", "created_by"])
        locked.save(update_fields=[*CONTACT_FIELDS])
        audit_record(
            actor=actor,
            action="patient.contact.update",
            patient=locked,
            target=locked,
            detail={"fields": changed},
        )
    for field, value in values.items():
        setattr(patient, field, value)
    return patient


def height_record(
    *,
    actor: Actor,
    patient: Patient,
    height_cm: Any,
    source: str,
    confirmed: bool = True,
    session_id: Any = None,
    note: str = "",
) -> PatientHeight:
    """Add an entry to the patient's height history (audited; nothing is overwritten)."""
    entry = PatientHeight(
        patient=patient,
        height_cm=Decimal(str(height_cm)).quantize(Decimal("0.1")),
        source=source,
        confirmed=confirmed,
        session_id=session_id,
        note=note.strip()[:300],
        recorded_by=actor.user,
    )
    full_clean_or_raise(entry)
    with transaction.atomic():
        entry.save(force_insert=True)
        audit_record(
            actor=actor,
            action="patient.height_record",
            patient=patient,
            target=entry,
            detail={"source": source, "confirmed": confirmed},
        )
    return entry
