"""Setting a clinic up: its time zone (an IANA zone, asked for, never a silent UTC) and
the details patients see (name, phone, emergency phone, address). Used by the set-up page
of a clinic's admin, by ``hipdip manage clinic_create`` and by the Django admin's "add
clinic" form, so all three ask the same questions and check them the same way."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Clinic
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.care import timezone_error
from hipdip.web.clinic.models import ClinicCareSettings, ClinicProfile
from hipdip.web.core.errors import Conflict, DomainError, full_clean_or_raise


@dataclass(frozen=True, kw_only=True)
class ClinicDetails:
    """What set-up asks for. ``phone`` and ``emergency_phone`` may be empty."""

    timezone: str
    public_name: str = ""
    phone: str = ""
    emergency_phone: str = ""
    address: str = ""


def clinic_needs_setup(clinic: Clinic) -> bool:
    """True while the clinic has no time zone of its own (it was never asked)."""
    row = ClinicCareSettings.objects.filter(clinic=clinic).only("default_timezone").first()
    return row is None or bool(timezone_error(row.default_timezone))


def clinic_details_save(*, actor: Actor, clinic: Clinic, details: ClinicDetails) -> None:
    """Store the clinic's time zone and its details; a bad zone or phone is refused with
    a plain message and nothing is saved."""
    problem = timezone_error(details.timezone)
    if problem:
        raise DomainError(problem, code="invalid_timezone", details={"timezone": [problem]})
    with transaction.atomic():
        row = ClinicCareSettings.objects.select_for_update().filter(clinic=clinic).first()
        row = row or ClinicCareSettings(clinic=clinic)
        before = row.default_timezone
        row.default_timezone = details.timezone
        full_clean_or_raise(row)
        profile = ClinicProfile.objects.filter(clinic=clinic).first() or ClinicProfile(
            clinic=clinic
        )
        profile.public_name = details.public_name.strip()
        profile.phone = details.phone.strip()
        profile.emergency_phone = details.emergency_phone.strip()
        profile.address = details.address.strip()
        full_clean_or_raise(profile)
        row.save()
        profile.save()
        audit_record(
            actor=actor,
            action="clinic.setup",
            target=clinic,
            clinic=clinic,
            detail={"timezone_before": before, "timezone": details.timezone},
        )


def clinic_create(*, actor: Actor, name: str, slug: str = "", details: ClinicDetails) -> Clinic:
    """A new clinic with its time zone and details (platform operators and the CLI)."""
    name = name.strip()
    if not name:
        raise DomainError(
            "Give the clinic a name.", code="invalid", details={"name": ["Required."]}
        )
    slug = slugify(slug or name)[:80]
    if not slug:
        raise DomainError("Choose a short name of letters and digits.", code="invalid")
    with transaction.atomic():
        if Clinic.objects.filter(slug=slug).exists():
            raise Conflict(f"A clinic with the short name “{slug}” already exists.")
        clinic = Clinic(name=name, slug=slug)
        full_clean_or_raise(clinic)
        clinic.save()
        clinic_details_save(actor=actor, clinic=clinic, details=details)
        audit_record(actor=actor, action="clinic.create", target=clinic, clinic=clinic)
    return clinic


DEMO_TIMEZONE = "Europe/London"


def demo_clinic_zone(clinic: Clinic) -> None:
    """Give the demo clinic a real zone; a zone chosen there already is kept."""
    row = ClinicCareSettings.objects.filter(clinic=clinic).first()
    if row is None:
        ClinicCareSettings.objects.create(clinic=clinic, default_timezone=DEMO_TIMEZONE)
    elif row.default_timezone in ("", "UTC"):
        row.default_timezone = DEMO_TIMEZONE
        row.save(update_fields=["default_timezone"])
