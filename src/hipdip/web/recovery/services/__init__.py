"""Recovery services (writes). Split by subject; import from here."""

from hipdip.web.recovery.services.alerts import (
    AlertNotDelivered,
    alerts_pending,
    checkin_alert_send,
)
from hipdip.web.recovery.services.calendar import (
    ExtraEvent,
    calendar_feed_create,
    calendar_feed_patient,
    calendar_feed_revoke,
    calendar_ics,
    register_event_provider,
    timed_event,
)
from hipdip.web.recovery.services.checkins import (
    CheckInInput,
    CheckInRejected,
    SubmitResult,
    checkin_acknowledge,
    checkin_submit,
)
from hipdip.web.recovery.services.courses import (
    course_timezone_set,
    recovery_course_from_procedure,
    recovery_course_save,
    training_clearance_set,
)

__all__ = [
    "AlertNotDelivered",
    "CheckInInput",
    "CheckInRejected",
    "ExtraEvent",
    "SubmitResult",
    "alerts_pending",
    "calendar_feed_create",
    "calendar_feed_patient",
    "calendar_feed_revoke",
    "calendar_ics",
    "checkin_acknowledge",
    "checkin_alert_send",
    "checkin_submit",
    "course_timezone_set",
    "recovery_course_from_procedure",
    "recovery_course_save",
    "register_event_provider",
    "timed_event",
    "training_clearance_set",
]
