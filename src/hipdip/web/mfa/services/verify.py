"""The second step of signing in with a typed code: authenticator app or recovery code."""

from __future__ import annotations

from typing import Literal

from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.audit.models import Outcome
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import DomainError, Throttled
from hipdip.web.mfa.models import RecoveryCodeDevice
from hipdip.web.mfa.throttle import mfa_failure_record, mfa_success_record, mfa_wait_seconds

Method = Literal["totp", "recovery"]


class SecondFactorRequired(DomainError):
    """The person uses (or must use) two-step sign-in and has not done the second step."""

    status_code = 403
    code = "second_factor_required"


def mfa_code_verify(*, actor: Actor, user: User, method: Method, code: str) -> Device:
    """The device that accepts `code`, after the back-off check; audited either way.

    A code from an authenticator app is accepted once (django-otp remembers the last time
    step used); a recovery code is used up.

    Raises
    ------
    Throttled
        While wrong codes have paused this person (see :mod:`hipdip.web.mfa.throttle`).
    DomainError
        ``invalid_code`` for a wrong, reused or used-up code.
    """
    wait = mfa_wait_seconds(user_id=user.pk)
    if wait:
        audit_record(
            actor=actor,
            action="mfa.verify",
            target=user,
            outcome=Outcome.DENIED,
            detail={"method": method, "reason": "throttled"},
        )
        raise Throttled(
            f"Too many wrong codes. Wait {wait} second{'s' if wait != 1 else ''} and try again.",
            details={"retry_after_seconds": wait},
        )
    device = _device_for(user, method)
    token = code.strip() if method == "recovery" else "".join(c for c in code if c.isdigit())
    verified = (
        verify_token(user, device.persistent_id, token) if device is not None and token else None
    )
    if verified is None:
        pause = mfa_failure_record(user_id=user.pk)
        audit_record(
            actor=actor,
            action="mfa.verify",
            target=user,
            outcome=Outcome.FAILED,
            detail={"method": method},
        )
        message = (
            "That code is not right."
            if method == "totp"
            else ("That recovery code is not right or was used already.")
        )
        if pause:
            message += f" Wait {pause} second{'s' if pause != 1 else ''} before the next try."
        raise DomainError(message, code="invalid_code", details={"code": [message]})
    mfa_success_record(user_id=user.pk)
    action = "mfa.recovery_code_used" if method == "recovery" else "mfa.verify"
    audit_record(actor=actor, action=action, target=user, detail={"method": method})
    return verified


def _device_for(user: User, method: Method) -> Device | None:
    if method == "totp":
        return TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return RecoveryCodeDevice.objects.filter(user=user, confirmed=True).first()
