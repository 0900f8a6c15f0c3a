"""Two-step sign-in: the clinic's policy, hashed recovery codes and passkeys.

Authenticator apps use django-otp's ``TOTPDevice``. Recovery codes and passkeys are
django-otp devices too, so one session key (``django_otp.login``) marks a session as
verified whichever factor was used, and ``request.user.is_verified()`` works for all.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_otp.models import Device

from hipdip.web.accounts.models import Clinic
from hipdip.web.mfa.codes import recovery_code_hash


class Requirement(models.TextChoices):
    SURGEONS_AND_ADMINS = "surgeons_admins", "Surgeons and clinic admins"
    ALL_STAFF = "all_staff", "All staff"
    NOBODY = "nobody", "Nobody (each person may still turn it on)"


class MfaPolicy(models.Model):
    """Who in a clinic must use a second sign-in step. A clinic without a row uses
    ``HIPDIP_MFA_DEFAULT_POLICY``; clinics that existed before two-step sign-in got a
    row saying "nobody" (``chosen_by`` empty), so their admins are asked to decide."""

    clinic = models.OneToOneField(Clinic, on_delete=models.CASCADE, related_name="mfa_policy")
    required_for = models.CharField(
        max_length=20, choices=Requirement.choices, default=Requirement.SURGEONS_AND_ADMINS
    )
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "two-step sign-in policy"
        verbose_name_plural = "two-step sign-in policies"

    def __str__(self) -> str:
        return f"{self.clinic}: {self.get_required_for_display()}"


# django-otp ships no type hints, so mypy sees its Device as Any.
class RecoveryCodeDevice(Device):  # type: ignore[misc]
    """The set of one-time recovery codes of a person (one device per person)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta(Device.Meta):  # type: ignore[misc]
        verbose_name = "recovery codes"

    def verify_token(self, token: object) -> bool:
        """Use up a code if it is one of the unused ones (compared by hash)."""
        if not isinstance(token, str) or not token.strip():
            return False
        used = self.codes.filter(code_hash=recovery_code_hash(token), used_at=None).update(
            used_at=timezone.now()
        )
        return bool(used == 1)


class RecoveryCode(models.Model):
    """One recovery code. Only its SHA-256 is stored (the code has 80 random bits)."""

    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("device", "code_hash"), name="mfa_recovery_code_unique"
            ),
        )

    def __str__(self) -> str:
        return f"Recovery code of {self.device.user}"


class PasskeyDevice(Device):  # type: ignore[misc]
    """A WebAuthn credential (a passkey) registered as a second factor."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    credential_id = models.BinaryField(max_length=1023)
    credential_id_b64 = models.CharField(max_length=1400, unique=True)
    public_key = models.BinaryField()
    sign_count = models.PositiveBigIntegerField(default=0)
    transports = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta(Device.Meta):  # type: ignore[misc]
        verbose_name = "passkey"

    def verify_token(self, token: object) -> bool:
        """Passkeys answer a signed challenge, never a typed code."""
        return False
