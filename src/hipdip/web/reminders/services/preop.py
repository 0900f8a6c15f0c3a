"""Pre-op reminders: on the morning a medication or supplement must be paused before
surgery, the patient is reminded to open their checklist (the message names no medicine)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hipdip.care.preop import ItemCategory
from hipdip.web.clinic.selectors import default_timezone_for
from hipdip.web.notifications.services import notify
from hipdip.web.plans.models import TreatmentPlan
from hipdip.web.plans.preop import checklist_for
from hipdip.web.reminders.services.common import site_link
from hipdip.web.reminders.services.prompts import PROMPT_FROM_HOUR

#: Checklist items that are a pause of something the patient takes.
HOLD_CATEGORIES = frozenset({ItemCategory.HOLD, ItemCategory.NICOTINE})
#: Holds start at most this long before surgery (the longest hold in the care tables is
#: well under it); plans further out are not looked at.
HORIZON_DAYS = 60


def preop_reminders_run(*, now: dt.datetime) -> int:
    """Remind each patient once on each day a pause starts. Returns reminders sent."""
    sent = 0
    plans = TreatmentPlan.objects.select_related("patient__user", "patient__clinic").filter(
        surgery_date__gte=now.date() - dt.timedelta(days=1),
        surgery_date__lte=now.date() + dt.timedelta(days=HORIZON_DAYS),
        patient__user__is_active=True,
    )
    for plan in plans:
        patient = plan.patient
        local = now.astimezone(ZoneInfo(default_timezone_for(patient.clinic)))
        if local.hour < PROMPT_FROM_HOUR:
            continue
        today = local.date()
        checklist = checklist_for(patient, today=today)
        due = [
            r
            for r in checklist.rows
            if r.item.category in HOLD_CATEGORIES and r.item.due_on == today and not r.done
        ]
        if not due:
            continue
        deliveries = notify(
            recipient=patient.user,
            kind="preop_reminder",
            subject="Your pre-op checklist: a step for today",
            text=(
                "A reminder from your clinic: your pre-op checklist has something to pause "
                "from today. Please open it to see what:"
            ),
            link=site_link("plans:preop", patient_id=patient.pk),
            dedupe_key=f"preop:{patient.pk}:{today.isoformat()}",
            now=now,
        )
        sent += any(d.created_at == now for d in deliveries)
    return sent
