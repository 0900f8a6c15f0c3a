"""Training services (writes): programmes and workout logs. Import from here."""

from hipdip.web.training.services.logs import EntryInput, planned_entries, workout_log_save
from hipdip.web.training.services.programmes import programme_create, programme_end

__all__ = [
    "EntryInput",
    "planned_entries",
    "programme_create",
    "programme_end",
    "workout_log_save",
]
