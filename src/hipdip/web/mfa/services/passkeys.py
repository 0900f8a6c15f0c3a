"""Passkeys (WebAuthn, py_webauthn) as a second factor: register one, sign in with one.

The views keep each challenge in the session; the relying party (RP ID, accepted
origins) comes from ``HIPDIP_WEBAUTHN_RP_ID`` / ``HIPDIP_WEBAUTHN_ORIGINS`` or, when
those are empty, from the request's host.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.audit.models import Outcome
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import DomainError
from hipdip.web.mfa.models import PasskeyDevice
from hipdip.web.mfa.selectors import mfa_enrolled
from hipdip.web.mfa.services.recovery import recovery_codes_generate

#: The most passkeys one person may register.
MAX_PASSKEYS = 10


@dataclass(frozen=True)
class RelyingParty:
    """Who the passkeys are for: the site's domain (RP ID), name and accepted origins."""

    id: str
    name: str
    origins: tuple[str, ...]


def _descriptors(user: User) -> list[PublicKeyCredentialDescriptor]:
    return [
        PublicKeyCredentialDescriptor(
            id=bytes(d.credential_id),
            transports=[AuthenticatorTransport(t) for t in d.transports if _known_transport(t)],
        )
        for d in PasskeyDevice.objects.filter(user=user, confirmed=True)
    ]


def _known_transport(value: str) -> bool:
    return value in {t.value for t in AuthenticatorTransport}


def passkey_registration_options(*, user: User, rp: RelyingParty) -> tuple[str, bytes]:
    """Options for ``navigator.credentials.create`` (JSON) and the challenge to keep."""
    if PasskeyDevice.objects.filter(user=user, confirmed=True).count() >= MAX_PASSKEYS:
        raise DomainError(f"You have {MAX_PASSKEYS} passkeys already.", code="too_many_passkeys")
    options = generate_registration_options(
        rp_id=rp.id,
        rp_name=rp.name,
        user_id=f"hipdip-user-{user.pk}".encode(),
        user_name=user.email,
        user_display_name=user.full_name or user.email,
        exclude_credentials=_descriptors(user),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
    )
    return options_to_json(options), options.challenge


def passkey_register(
    *,
    actor: Actor,
    user: User,
    credential: dict[str, Any],
    challenge: bytes,
    rp: RelyingParty,
    name: str = "",
) -> tuple[PasskeyDevice, list[str] | None]:
    """Check the browser's answer and store the passkey. Returns it, and new recovery
    codes when it is the person's first factor."""
    try:
        verified = verify_registration_response(
            credential=json.dumps(credential),
            expected_challenge=challenge,
            expected_rp_id=rp.id,
            expected_origin=list(rp.origins),
        )
    except (WebAuthnException, ValueError, TypeError, KeyError) as exc:
        audit_record(
            actor=actor,
            action="mfa.enrol",
            target=user,
            outcome=Outcome.FAILED,
            detail={"method": "passkey"},
        )
        raise DomainError("The passkey could not be registered.", code="invalid_passkey") from exc
    first = not mfa_enrolled(user)
    transports = credential.get("response", {}).get("transports") or []
    with transaction.atomic():
        device = PasskeyDevice(
            user=user,
            name=(name or "Passkey")[:64],
            credential_id=verified.credential_id,
            credential_id_b64=bytes_to_base64url(verified.credential_id),
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
            transports=[str(t) for t in transports if isinstance(t, str)][:8],
        )
        device.full_clean()
        device.save()
        audit_record(actor=actor, action="mfa.enrol", target=user, detail={"method": "passkey"})
    return device, (recovery_codes_generate(actor=actor, user=user) if first else None)


def passkey_authentication_options(*, user: User, rp: RelyingParty) -> tuple[str, bytes]:
    """Options for ``navigator.credentials.get`` limited to this person's passkeys."""
    allowed = _descriptors(user)
    if not allowed:
        raise DomainError("You have no passkey.", code="no_passkey")
    options = generate_authentication_options(
        rp_id=rp.id,
        allow_credentials=allowed,
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    return options_to_json(options), options.challenge


def passkey_authenticate(
    *, actor: Actor, user: User, credential: dict[str, Any], challenge: bytes, rp: RelyingParty
) -> PasskeyDevice:
    """The person's passkey that signed the challenge; audited either way."""
    raw_id = credential.get("rawId") or credential.get("id")
    device = (
        PasskeyDevice.objects.filter(user=user, confirmed=True, credential_id_b64=raw_id).first()
        if isinstance(raw_id, str)
        else None
    )
    try:
        if device is None:
            raise DomainError("That passkey is not one of yours.", code="invalid_passkey")
        verified = verify_authentication_response(
            credential=json.dumps(credential),
            expected_challenge=challenge,
            expected_rp_id=rp.id,
            expected_origin=list(rp.origins),
            credential_public_key=bytes(device.public_key),
            credential_current_sign_count=device.sign_count,
        )
    except (DomainError, WebAuthnException, ValueError, TypeError, KeyError) as exc:
        audit_record(
            actor=actor,
            action="mfa.verify",
            target=user,
            outcome=Outcome.FAILED,
            detail={"method": "passkey"},
        )
        raise DomainError("The passkey did not confirm it is you.", code="invalid_passkey") from exc
    PasskeyDevice.objects.filter(pk=device.pk).update(
        sign_count=verified.new_sign_count, last_used_at=timezone.now()
    )
    audit_record(actor=actor, action="mfa.verify", target=user, detail={"method": "passkey"})
    return device  # type: ignore[no-any-return]
