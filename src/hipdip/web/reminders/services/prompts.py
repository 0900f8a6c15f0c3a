"""Daily check-in prompts: once a day, in the patient's own time zone, to patients in
recovery who have not checked in yet that day, never during their quiet hours."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hipdip.care.recovery import recovery_day
from hipdip.web.clinic.selectors import care_settings_for
from hipdip.web.notifications.services import notify
from hipdip.web.recovery.models import CheckIn, RecoveryCourse
from hipdip.web.reminders.services.common import quiet_now, site_link

#: Prompts go out from this local hour on (a workflow choice, not a clinical number).
PROMPT_FROM_HOUR = 9
#: Last day to prompt: the end of the compression period, the clinic's
#: ``compression_days`` setting (the recovery the daily check-in follows).
FIRST_PROMPT_DAY = 1


def checkin_prompts_run(*, now: dt.datetime) -> int:
    """Prompt each patient in recovery once per local day. Returns the prompts sent."""
    sent = 0
    courses = RecoveryCourse.objects.select_related("patient__user", "patient__clinic").filter(
        procedure_date__lte=now.date(), patient__user__is_active=True
    )
    for course in courses:
        local = now.astimezone(ZoneInfo(course.timezone))
        today = local.date()
        day = recovery_day(course.procedure_date, today)
        last_day = care_settings_for(course.patient.clinic).compression_days
        if not FIRST_PROMPT_DAY <= day <= last_day or local.hour < PROMPT_FROM_HOUR:
            continue
        if CheckIn.objects.filter(course=course, local_date=today).exists():
            continue
        user = course.patient.user
        if quiet_now(user, now):
            continue
        deliveries = notify(
            recipient=user,
            kind="checkin_prompt",
            subject="Your daily check-in",
            text="A reminder from your clinic: please send today's recovery check-in.",
            link=site_link("recovery:checkin_new", patient_id=course.patient.pk),
            dedupe_key=f"checkin-prompt:{course.pk}:{today.isoformat()}",
            now=now,
        )
        sent += any(d.created_at == now for d in deliveries)
    return sent
