"""Writes for the clinic's own records: its public profile and its surgeons' bios."""

from __future__ import annotations

from django.db import transaction

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role, User
from hipdip.web.accounts.roles import require_clinic_admin
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.models import ClinicProfile, SurgeonBio
from hipdip.web.core.errors import DomainError, full_clean_or_raise


def clinic_profile_save(
    *,
    actor: Actor,
    public_name: str,
    address: str,
    phone: str,
    emergency_phone: str,
    opening_hours: str,
    bios: dict[int, tuple[str, str]],
) -> ClinicProfile:
    """Save the actor's clinic profile and the bios (title, text) of its surgeons, by
    user id. Clinic admins only; a bio for anyone but one of the clinic's surgeons is
    refused."""
    clinic = require_clinic_admin(actor)
    profile = ClinicProfile.objects.filter(clinic=clinic).first() or ClinicProfile(clinic=clinic)
    profile.public_name = public_name.strip()
    profile.address = address.strip()
    profile.phone = phone.strip()
    profile.emergency_phone = emergency_phone.strip()
    profile.opening_hours = opening_hours.strip()
    full_clean_or_raise(profile)
    surgeons = {
        u.pk: u for u in User.objects.filter(clinic=clinic, role=Role.SURGEON, pk__in=list(bios))
    }
    if set(bios) - set(surgeons):
        raise DomainError("A bio can only be given for one of the clinic's surgeons.")
    with transaction.atomic():
        profile.save()
        for user_id, (title, text) in bios.items():
            bio = SurgeonBio.objects.filter(surgeon_id=user_id).first() or SurgeonBio(
                clinic=clinic, surgeon=surgeons[user_id]
            )
            bio.title, bio.bio = title.strip(), text.strip()
            full_clean_or_raise(bio)
            bio.save()
        audit_record(actor=actor, action="clinic_profile.update", clinic=clinic)
    return profile
