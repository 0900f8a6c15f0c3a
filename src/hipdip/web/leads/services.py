"""Writes for leads: taking an enquiry (spam checks, rate limit, storing, telling the
clinic) and the staff's follow-up. The contact form and the API both call these."""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Clinic, Role, User
from hipdip.web.accounts.roles import require_staff
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import DomainError, Throttled, full_clean_or_raise
from hipdip.web.leads.models import Lead, LeadSource, LeadStatus

log = logging.getLogger(__name__)

RATE_WINDOW_SECONDS = 60 * 60


@dataclass(frozen=True)
class LeadInput:
    """What a person sends: the same fields from the form and from the API."""

    name: str
    email: str
    phone: str
    contact_by: str
    interest: str
    message: str
    consent: bool


def _rate_key(address: str | None) -> str:
    # Only a hash of the address is kept, and only in the cache, for the window.
    digest = hashlib.sha256((address or "unknown").encode()).hexdigest()[:32]
    return f"hipdip:lead-rate:{digest}"


def lead_rate_check(*, address: str | None) -> None:
    """Count one enquiry from ``address``; Throttled past HIPDIP_LEAD_MAX_PER_HOUR."""
    key = _rate_key(address)
    cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=RATE_WINDOW_SECONDS)
        count = 1
    if count > settings.HIPDIP_LEAD_MAX_PER_HOUR:
        raise Throttled("Too many messages from this address. Please try again in an hour.")


def lead_submit(
    *, clinic: Clinic | None, data: LeadInput, honeypot: str, source: str, address: str | None
) -> Lead | None:
    """Take an enquiry. A filled honeypot (a field people never see) is dropped without
    being stored (None); otherwise the lead is stored, then the clinic is emailed after
    the commit, and a failed email leaves the lead in the list, marked as not emailed."""
    lead_rate_check(address=address)
    if honeypot.strip():
        log.info("lead dropped: honeypot filled")
        return None
    if clinic is None:
        raise DomainError("The site is not connected to a clinic yet.", code="no_clinic")
    if not data.consent:
        raise DomainError(
            "Please agree to be contacted, or we cannot answer you.", code="consent_required"
        )
    lead = Lead(
        clinic=clinic,
        name=data.name.strip(),
        email=data.email.strip().lower(),
        phone=data.phone.strip(),
        contact_by=data.contact_by,
        interest=data.interest,
        message=data.message.strip(),
        consent_at=timezone.now(),
        source=source if source in LeadSource.values else LeadSource.FORM,
    )
    full_clean_or_raise(lead)
    with transaction.atomic():
        lead.save()
        transaction.on_commit(lambda: lead_notify(lead_id=lead.pk))
    return lead


def _clinic_addresses(clinic: Clinic) -> list[str]:
    staff = User.objects.filter(
        clinic=clinic, is_active=True, role__in=[Role.COORDINATOR, Role.CLINIC_ADMIN]
    )
    return sorted({u.email for u in staff})


def lead_notify(*, lead_id: uuid.UUID | str) -> bool:
    """Email the clinic's coordinators that a lead arrived (a link, not the message: the
    message may hold health details). False, and the lead unchanged, if sending fails."""
    lead = Lead.objects.select_related("clinic").filter(pk=lead_id).first()
    if lead is None or lead.notified_at is not None:
        return False
    recipients = _clinic_addresses(lead.clinic)
    if not recipients:
        return False
    link = settings.HIPDIP_SITE_URL.rstrip("/") + reverse("leads:detail", args=[lead.pk])
    try:
        send_mail(
            subject="New enquiry from the website",
            message=f"Someone asked to be contacted about: {lead.get_interest_display()}.\n"
            f"Open the lead: {link}\n",
            from_email=None,
            recipient_list=recipients,
        )
    except Exception:  # any mail failure: the lead stays, staff see it as not emailed
        log.warning("lead %s: email to the clinic failed", lead.pk, exc_info=True)
        return False
    Lead.objects.filter(pk=lead.pk).update(notified_at=timezone.now())
    return True


def lead_update(*, actor: Actor, lead: Lead, status: str, notes: str) -> Lead:
    """Staff of the lead's clinic record its status and their notes."""
    clinic = require_staff(actor)
    if lead.clinic_id != clinic.pk:
        raise DomainError("This lead belongs to another clinic.", code="not_found")
    if status not in LeadStatus.values:
        raise DomainError("Choose one of the listed statuses.", code="invalid")
    lead.status = status
    lead.notes = notes.strip()
    full_clean_or_raise(lead)
    with transaction.atomic():
        lead.save(update_fields=["status", "notes", "updated_at"])
        audit_record(actor=actor, action="lead.update", target=lead, detail={"status": status})
    return lead
