"""Writing a consultation: intake drafts, submission, changes after submission (with their
history) in :mod:`.intake`, and the surgeon's overrides of findings in :mod:`.overrides`.
Web pages and the API call these."""

from hipdip.web.consultations.services.errors import AnswersInvalid, StaleVersion
from hipdip.web.consultations.services.intake import (
    DraftSaved,
    intake_save_draft,
    intake_submit,
    intake_update,
)
from hipdip.web.consultations.services.overrides import (
    finding_override_create,
    finding_override_withdraw,
)

__all__ = [
    "AnswersInvalid",
    "DraftSaved",
    "StaleVersion",
    "finding_override_create",
    "finding_override_withdraw",
    "intake_save_draft",
    "intake_submit",
    "intake_update",
]
