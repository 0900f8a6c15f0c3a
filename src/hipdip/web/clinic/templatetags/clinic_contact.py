"""``{% clinic_call_links clinic level %}``: tap-to-call links to the patient's own clinic,
for every page that tells a patient to call (triage results, recovery, pre-op)."""

from __future__ import annotations

from typing import Any

from django import template

from hipdip.web.accounts.models import Clinic
from hipdip.web.clinic.models import ClinicProfile
from hipdip.web.clinic.presenters import plain_citation

register = template.Library()


@register.inclusion_tag("clinic/_call_links.html")
def clinic_call_links(clinic: Clinic | None, level: str = "urgent") -> dict[str, Any]:
    """The clinic's day and out-of-hours numbers as ``tel:`` links; nothing without a
    profile or numbers. `level` "emergency" puts emergency services first."""
    profile = None if clinic is None else ClinicProfile.objects.filter(clinic=clinic).first()
    links = []
    if profile is not None:
        if profile.phone_href:
            links.append(("Call " + profile.name, profile.phone, profile.phone_href))
        if profile.emergency_phone_href:
            links.append(("Out of hours", profile.emergency_phone, profile.emergency_phone_href))
    return {"links": links, "emergency": level == "emergency"}


@register.filter
def citation(source_id: str) -> str:
    """A clinical source id as its plain citation (what staff are shown, not the id)."""
    return plain_citation(source_id)[0]
