"""Resetting a person's two-step sign-in when they have lost their phone, their passkeys
and their recovery codes: a clinic admin does it from the team page, an operator with
``hipdip manage mfa_reset EMAIL``. Both call :func:`mfa_reset`.

Every second factor of the person goes (authenticator apps, passkeys, recovery codes), they
are signed out everywhere and their API tokens end, so whoever holds the lost phone or a
session on it is out too. If their clinic requires two-step sign-in for their role, they
are asked to set it up again right after their next password sign-in (the
``SecondFactorMiddleware`` does that for anyone required who has no factor). They get an
email saying so, so a reset they did not ask for does not go unnoticed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404
from django_otp import devices_for_user

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import STAFF_ROLES, User
from hipdip.web.accounts.roles import require_clinic_admin
from hipdip.web.accounts.services import api_tokens_revoke_all
from hipdip.web.accounts.services.team import sessions_end
from hipdip.web.audit.services import audit_record
from hipdip.web.mfa.models import PasskeyDevice, RecoveryCode, RecoveryCodeDevice
from hipdip.web.mfa.selectors import mfa_required
from hipdip.web.mfa.throttle import mfa_success_record


@dataclass(frozen=True)
class MfaResetResult:
    """What a reset removed and ended (counts only)."""

    user: User
    authenticator_apps: int
    passkeys: int
    recovery_codes: int  # unused codes that stopped working
    sessions_ended: int
    tokens_revoked: int
    #: Whether the clinic's policy asks the person to set up a second step again.
    required: bool

    @property
    def removed_anything(self) -> bool:
        return bool(self.authenticator_apps or self.passkeys or self.recovery_codes)


def mfa_reset_target(*, actor: Actor, user_id: int) -> User:
    """The staff member of the admin's clinic whose two-step sign-in the admin may reset.

    PermissionDenied for anyone but a clinic admin, and for the admin themselves (their
    own factors are removed on their account page, with a current code); Http404 for
    anyone who is not staff of the admin's clinic."""
    clinic = require_clinic_admin(actor)
    user = User.objects.filter(pk=user_id, clinic=clinic, role__in=list(STAFF_ROLES)).first()
    if user is None:
        raise Http404("No such member of your team.")
    if actor.user is not None and user.pk == actor.user.pk:
        raise PermissionDenied(
            "You cannot reset your own two-step sign-in; ask another admin of your clinic."
        )
    return user


def mfa_reset_member(*, actor: Actor, user_id: int) -> MfaResetResult:
    """A clinic admin resets a staff member's two-step sign-in (see `mfa_reset_target`)."""
    return mfa_reset(actor=actor, user=mfa_reset_target(actor=actor, user_id=user_id))


def mfa_reset(*, actor: Actor, user: User, operator: str = "") -> MfaResetResult:
    """Remove every second factor of `user`, end their sessions and API tokens, and record
    it as ``mfa.reset`` (counts only, never a key or a code). `operator` names the account
    on the machine for a reset from the command line. The caller has checked that `actor`
    may do this."""
    with transaction.atomic():
        # No select_related("clinic") here: PostgreSQL locks no nullable side of a join.
        locked = User.objects.select_for_update().get(pk=user.pk)
        unused_codes = RecoveryCode.objects.filter(device__user=locked, used_at=None).count()
        removed: Counter[str] = Counter()
        # Every kind of django-otp device, confirmed or still being set up.
        for device in list(devices_for_user(locked, confirmed=None)):
            if not isinstance(device, RecoveryCodeDevice) and device.confirmed:
                removed["passkey" if isinstance(device, PasskeyDevice) else "app"] += 1
            device.delete()
        tokens = api_tokens_revoke_all(actor=actor, user=locked)
        sessions = sessions_end(locked)
        result = MfaResetResult(
            user=locked,
            authenticator_apps=removed["app"],
            passkeys=removed["passkey"],
            recovery_codes=unused_codes,
            sessions_ended=sessions,
            tokens_revoked=tokens,
            required=mfa_required(locked),
        )
        detail: dict[str, object] = {
            "authenticator_apps": result.authenticator_apps,
            "passkeys": result.passkeys,
            "recovery_codes": result.recovery_codes,
            "sessions_ended": result.sessions_ended,
            "tokens_revoked": result.tokens_revoked,
            "required": result.required,
        }
        if operator:
            detail["operator"] = operator[:64]
        audit_record(
            actor=actor, action="mfa.reset", target=locked, clinic=locked.clinic, detail=detail
        )
        user_id, email = locked.pk, locked.email
        body = _notice(result, by_admin=actor.user)
        transaction.on_commit(lambda: mfa_success_record(user_id=user_id))
        transaction.on_commit(
            lambda: send_mail(_SUBJECT, body, None, [email], fail_silently=False), robust=True
        )
    return result


_SUBJECT = "Your two-step sign-in was reset"


def _notice(result: MfaResetResult, *, by_admin: User | None) -> str:
    """The email to the person: who reset it and what happens next (no codes, no links
    that sign in)."""
    who = (
        f"{by_admin.full_name or by_admin.email}, an admin of your clinic,"
        if by_admin is not None
        else f"The team that runs {settings.WAGTAIL_SITE_NAME} for your clinic"
    )
    then = (
        "When you next sign in with your password, you will be asked to set up two-step "
        "sign-in again (an authenticator app or a passkey)."
        if result.required
        else "You can sign in with your password, and set up two-step sign-in again on "
        "your account page."
    )
    return (
        f"Hello {result.user.get_short_name()},\n\n"
        f"{who} reset your two-step sign-in on {settings.WAGTAIL_SITE_NAME}: your "
        "authenticator app, passkeys and recovery codes no longer work, and you were signed "
        "out everywhere.\n\n"
        f"{then}\n\n"
        "If you did not ask for this, tell your clinic at once.\n"
    )
