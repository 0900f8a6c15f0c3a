"""Recovery pages: the patient's recovery (today, timeline, check-ins, calendar), the
check-in form and its answer, and the staff's check-in dashboard. Thin: the services and
selectors do the work; `hipdip.web.access` decides who sees what.
"""

from hipdip.web.recovery.views.calendar import (
    calendar_download,
    calendar_feed,
    calendar_link,
    calendar_revoke,
)
from hipdip.web.recovery.views.checkins import (
    checkin_acknowledge,
    checkin_detail,
    checkin_new,
    dashboard,
)
from hipdip.web.recovery.views.course import clearance, course_edit, recovery, timezone_set

__all__ = [
    "calendar_download",
    "calendar_feed",
    "calendar_link",
    "calendar_revoke",
    "checkin_acknowledge",
    "checkin_detail",
    "checkin_new",
    "clearance",
    "course_edit",
    "dashboard",
    "recovery",
    "timezone_set",
]
