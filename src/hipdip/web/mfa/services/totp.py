"""Authenticator apps (TOTP, django-otp): start, then confirm with a first code."""

from __future__ import annotations

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.audit.models import Outcome
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import Conflict, DomainError
from hipdip.web.mfa.selectors import mfa_enrolled
from hipdip.web.mfa.services.recovery import recovery_codes_generate


def totp_device_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator-app secret (an earlier unconfirmed one is
    replaced). It does nothing until confirmed with a code."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise Conflict(
            "An authenticator app is already set up. Remove it first to set up another.",
            code="totp_exists",
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice(user=user, name="Authenticator app", confirmed=False)
        device.full_clean()
        device.save()
    return device


def totp_device_pending(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def totp_device_confirm(*, actor: Actor, device: TOTPDevice, code: str) -> list[str] | None:
    """Turn the app on once it shows a right code. Returns new recovery codes when this
    is the person's first factor (else None, and their codes stay as they are)."""
    user = device.user
    first = not mfa_enrolled(user)
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if locked.confirmed:
            raise Conflict("This authenticator app is already set up.", code="totp_exists")
        right = locked.verify_token(_digits(code))
        if right:
            locked.confirmed = True
            locked.save(update_fields=["confirmed"])
            audit_record(actor=actor, action="mfa.enrol", target=user, detail={"method": "totp"})
    if not right:
        audit_record(
            actor=actor,
            action="mfa.enrol",
            target=user,
            outcome=Outcome.FAILED,
            detail={"method": "totp"},
        )
        raise DomainError(
            "That code is not right. Check the time on your phone and try the newest code.",
            code="invalid_code",
            details={"code": ["That code is not right."]},
        )
    device.refresh_from_db()
    return recovery_codes_generate(actor=actor, user=user) if first else None


def _digits(code: str) -> str:
    return "".join(ch for ch in code if ch.isdigit())
