"""Recovery codes: ten single-use codes, shown once, stored as hashes."""

from __future__ import annotations

from django.db import transaction

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.audit.services import audit_record
from hipdip.web.mfa.codes import RECOVERY_CODE_COUNT, recovery_code_hash, recovery_code_new
from hipdip.web.mfa.models import RecoveryCode, RecoveryCodeDevice


def recovery_codes_generate(*, actor: Actor, user: User) -> list[str]:
    """A new set of codes for `user`, replacing any earlier set; returns the codes, which
    are never shown again."""
    codes = [recovery_code_new() for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        device, _ = RecoveryCodeDevice.objects.get_or_create(
            user=user, defaults={"name": "Recovery codes", "confirmed": True}
        )
        device.codes.all().delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=device, code_hash=recovery_code_hash(c)) for c in codes
        )
        audit_record(actor=actor, action="mfa.recovery_codes_generated", target=user)
    return codes


def recovery_codes_remove(*, user: User) -> None:
    """Drop the codes (when the last factor goes: they would open nothing)."""
    RecoveryCodeDevice.objects.filter(user=user).delete()
