"""The staff home: what a clinic's staff member sees first after signing in."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.utils import timezone

from hipdip.web.accounts.models import Clinic, User
from hipdip.web.appointments.models import Appointment
from hipdip.web.appointments.selectors import appointments_between
from hipdip.web.clinic.selectors import default_timezone_for
from hipdip.web.leads.models import Lead, LeadStatus
from hipdip.web.messaging.models import Thread
from hipdip.web.messaging.selectors import clinic_inbox, unread_of
from hipdip.web.recovery.models import CheckIn, Level

#: How many rows each panel of the home shows (each links to its full list).
PANEL_ROWS = 8


@dataclass(frozen=True)
class StaffHome:
    clinic: Clinic
    today: dt.date
    zone: str
    appointments: list[Appointment]
    alerts: list[CheckIn]
    alert_count: int
    leads: list[Lead]
    lead_count: int
    threads: list[Thread]
    unread_count: int


def staff_home(*, clinic: Clinic, reader: User, now: dt.datetime | None = None) -> StaffHome:
    """Today's visits (the clinic's day, in its zone), unacknowledged alerts, new leads
    and threads with messages this reader has not read."""
    zone_name = default_timezone_for(clinic)
    zone = zoneinfo.ZoneInfo(zone_name)
    local_now = (now or timezone.now()).astimezone(zone)
    start = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
    end = start + dt.timedelta(days=1)
    alerts = (
        CheckIn.objects.filter(course__patient__clinic=clinic, acknowledged_at__isnull=True)
        .exclude(level=Level.ROUTINE)
        .select_related("course__patient__user")
        .order_by("-submitted_at")
    )
    leads = Lead.objects.filter(clinic=clinic, status=LeadStatus.NEW).order_by("-created_at")
    threads = list(clinic_inbox(clinic=clinic, reader=reader, show="unread"))
    return StaffHome(
        clinic=clinic,
        today=local_now.date(),
        zone=zone_name,
        appointments=list(appointments_between(clinic=clinic, start=start, end=end)),
        alerts=list(alerts[:PANEL_ROWS]),
        alert_count=alerts.count(),
        leads=list(leads[:PANEL_ROWS]),
        lead_count=leads.count(),
        threads=threads[:PANEL_ROWS],
        unread_count=sum(unread_of(t) for t in threads),
    )
