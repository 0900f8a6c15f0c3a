"""Two-step sign-in services: enrolment, verification, recovery codes, passkeys, policy."""

from hipdip.web.mfa.services.devices import mfa_device_remove
from hipdip.web.mfa.services.passkeys import (
    RelyingParty,
    passkey_authenticate,
    passkey_authentication_options,
    passkey_register,
    passkey_registration_options,
)
from hipdip.web.mfa.services.policy import mfa_policy_set
from hipdip.web.mfa.services.recovery import recovery_codes_generate
from hipdip.web.mfa.services.reset import (
    MfaResetResult,
    mfa_reset,
    mfa_reset_member,
    mfa_reset_target,
)
from hipdip.web.mfa.services.totp import totp_device_confirm, totp_device_start
from hipdip.web.mfa.services.verify import SecondFactorRequired, mfa_code_verify

__all__ = [
    "MfaResetResult",
    "RelyingParty",
    "SecondFactorRequired",
    "mfa_code_verify",
    "mfa_device_remove",
    "mfa_policy_set",
    "mfa_reset",
    "mfa_reset_member",
    "mfa_reset_target",
    "passkey_authenticate",
    "passkey_authentication_options",
    "passkey_register",
    "passkey_registration_options",
    "recovery_codes_generate",
    "totp_device_confirm",
    "totp_device_start",
]
