"""Reading a clinic's settings: the one place every app gets its clinical settings and
default time zone from."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.conf import settings as django_settings

from hipdip.care.settings import ClinicSettings
from hipdip.care.sources import get_source
from hipdip.web.accounts.models import Clinic
from hipdip.web.clinic.care import settings_from_overrides, timezone_error
from hipdip.web.clinic.models import (
    ClinicCareSettings,
    ClinicProfile,
    SettingsVersion,
    SurgeonBio,
)
from hipdip.web.patients.models import Patient


def care_settings_for(clinic: Clinic | None) -> ClinicSettings:
    """The clinical settings a clinic works with: the care defaults plus its overrides.

    Overrides were validated when saved; if a stored value no longer validates (a care
    default changed under it) the error surfaces here rather than being silently ignored.
    """
    if clinic is None:
        return settings_from_overrides({})
    row = ClinicCareSettings.objects.filter(clinic=clinic).only("overrides").first()
    return settings_from_overrides(row.overrides if row else {})


def care_settings_for_patient(patient: Patient) -> ClinicSettings:
    """The clinical settings of the patient's clinic (the defaults for a self sign-up)."""
    return care_settings_for(patient.clinic)


def overrides_for(clinic: Clinic) -> dict[str, Any]:
    """The clinic's stored overrides (empty: it uses every default)."""
    row = ClinicCareSettings.objects.filter(clinic=clinic).only("overrides").first()
    return dict(row.overrides or {}) if row else {}


def settings_versions_for(clinic: Clinic, *, limit: int = 100) -> list[SettingsVersion]:
    """The clinic's saved versions of its settings, newest first."""
    return list(SettingsVersion.objects.filter(clinic=clinic).select_related("saved_by")[:limit])


def settings_version_number(clinic: Clinic) -> int:
    """The number of the clinic's current settings version (0: never changed here)."""
    latest = SettingsVersion.objects.filter(clinic=clinic).order_by("-number").first()
    return latest.number if latest else 0


def default_timezone_for(clinic: Clinic | None) -> str:
    """The zone a clinic's new courses start in: its setting, else the server's, else UTC."""
    row = (
        ClinicCareSettings.objects.filter(clinic=clinic).only("default_timezone").first()
        if clinic is not None
        else None
    )
    if row and not timezone_error(row.default_timezone):
        return row.default_timezone
    zone = str(django_settings.TIME_ZONE)
    return zone if not timezone_error(zone) else "UTC"


def alert_addresses_for(clinic: Clinic) -> list[str]:
    """The clinic's own list of alert addresses (empty when it has none)."""
    row = ClinicCareSettings.objects.filter(clinic=clinic).first()
    return row.alert_addresses if row is not None else []


def source_citation(source_id: str) -> str:
    """The citation of a clinical source id, or the id itself when it is unknown."""
    try:
        return get_source(source_id).citation
    except KeyError:
        return source_id


#: The clinic platform operators sign in under; it never runs a public site.
OPERATORS_SLUG = "operators"


def site_clinic() -> Clinic | None:
    """The clinic the public site belongs to: the one named by ``HIPDIP_SITE_CLINIC``, else
    the oldest clinic that is not the operators'. Its staff receive the site's leads."""
    slug = django_settings.HIPDIP_SITE_CLINIC
    if slug:
        return Clinic.objects.filter(slug=slug).first()
    return Clinic.objects.exclude(slug=OPERATORS_SLUG).order_by("pk").first()


@dataclass(frozen=True)
class SurgeonCard:
    name: str
    title: str
    bio: str


@dataclass(frozen=True)
class PublicProfile:
    """What the site shows about its clinic (profile may be unsaved: name only)."""

    profile: ClinicProfile
    clinic: Clinic

    @cached_property
    def surgeons(self) -> list[SurgeonCard]:
        """The clinic's active surgeons with their titles and bios, read when a page shows
        them (the clinic card), not for the footer of every page."""
        bios = {b.surgeon_id: b for b in SurgeonBio.objects.filter(clinic=self.clinic)}
        return [
            SurgeonCard(
                name=u.full_name,
                title=bios[u.pk].title if u.pk in bios else "",
                bio=bios[u.pk].bio if u.pk in bios else "",
            )
            for u in self.clinic.members.filter(role="surgeon", is_active=True).order_by(
                "full_name"
            )
        ]


def clinic_profile_for(clinic: Clinic) -> PublicProfile:
    profile = ClinicProfile.objects.filter(clinic=clinic).first() or ClinicProfile(clinic=clinic)
    return PublicProfile(profile=profile, clinic=clinic)


def site_profile() -> PublicProfile | None:
    """The public site's clinic profile, or None when the site has no clinic."""
    clinic = site_clinic()
    return clinic_profile_for(clinic) if clinic is not None else None
