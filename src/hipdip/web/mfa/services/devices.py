"""Removing a second factor, after the person confirms with a code."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp.models import Device

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.audit.services import audit_record
from hipdip.web.mfa.selectors import mfa_enrolled
from hipdip.web.mfa.services.recovery import recovery_codes_remove
from hipdip.web.mfa.services.verify import Method, mfa_code_verify


def mfa_device_remove(
    *, actor: Actor, user: User, device: Device, method: Method, code: str
) -> None:
    """Remove an authenticator app or a passkey of `user`, who confirms with a current
    code (app or recovery code, throttled like signing in). When the last factor goes,
    the recovery codes go too; a person the clinic requires to use two-step sign-in is
    then asked to set one up again."""
    if device.user_id != user.pk:
        raise PermissionDenied("Not this person’s device.")
    mfa_code_verify(actor=actor, user=user, method=method, code=code)
    kind = device._meta.model_name
    with transaction.atomic():
        device.delete()
        if not mfa_enrolled(user):
            recovery_codes_remove(user=user)
        audit_record(actor=actor, action="mfa.device_remove", target=user, detail={"kind": kind})
