"""Reads: a clinic's policy, who must use a second step, and each person's factors."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from hipdip.web.accounts.models import Clinic, Role, User
from hipdip.web.mfa.models import MfaPolicy, PasskeyDevice, RecoveryCodeDevice, Requirement


def mfa_policy_for(clinic: Clinic | None) -> Requirement:
    """The clinic's requirement: its own row, else the default for new clinics."""
    if clinic is None:
        return Requirement.NOBODY
    row = MfaPolicy.objects.filter(clinic=clinic).only("required_for").first()
    if row is not None:
        return Requirement(row.required_for)
    return Requirement(settings.HIPDIP_MFA_DEFAULT_POLICY)


def mfa_policy_row(clinic: Clinic) -> MfaPolicy | None:
    return MfaPolicy.objects.filter(clinic=clinic).select_related("chosen_by").first()


def mfa_required(user: User) -> bool:
    """Whether the clinic's policy asks this person for a second step. Patients: never."""
    if not user.is_clinic_staff:
        return False
    return _required_by(mfa_policy_for(user.clinic), user)


def _required_by(requirement: Requirement, user: User) -> bool:
    if requirement == Requirement.ALL_STAFF:
        return True
    if requirement == Requirement.SURGEONS_AND_ADMINS:
        return user.role in (Role.SURGEON, Role.CLINIC_ADMIN)
    return False


def mfa_enrolled(user: User) -> bool:
    """Whether the person has an authenticator app or a passkey (recovery codes alone
    do not count: they are the way back in, not a factor of their own)."""
    return bool(
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or PasskeyDevice.objects.filter(user=user, confirmed=True).exists()
    )


@dataclass(frozen=True)
class Factors:
    """One person's second factors, for their settings page."""

    totp: TOTPDevice | None
    passkeys: list[PasskeyDevice] = field(default_factory=list)
    recovery_left: int = 0
    recovery_set: bool = False

    @property
    def enrolled(self) -> bool:
        return self.totp is not None or bool(self.passkeys)


def mfa_factors(user: User) -> Factors:
    recovery = RecoveryCodeDevice.objects.filter(user=user, confirmed=True).first()
    return Factors(
        totp=TOTPDevice.objects.filter(user=user, confirmed=True).first(),
        passkeys=list(PasskeyDevice.objects.filter(user=user, confirmed=True).order_by("pk")),
        recovery_left=recovery.codes.filter(used_at=None).count() if recovery else 0,
        recovery_set=recovery is not None,
    )


def mfa_staff_status(clinic: Clinic) -> list[tuple[User, bool, bool]]:
    """The clinic's staff with (person, enrolled, required by the policy)."""
    staff = list(User.objects.filter(clinic=clinic, is_active=True).exclude(role=Role.PATIENT))
    ids = [u.pk for u in staff]
    enrolled = set(
        TOTPDevice.objects.filter(user_id__in=ids, confirmed=True).values_list("user_id", flat=True)
    ) | set(
        PasskeyDevice.objects.filter(user_id__in=ids, confirmed=True).values_list(
            "user_id", flat=True
        )
    )
    requirement = mfa_policy_for(clinic)
    return [(u, u.pk in enrolled, _required_by(requirement, u)) for u in staff]
