"""Writing plans: saving the surgeon's choices (no lost updates), approval, the pre-op
checklist ticks (:mod:`.plan`), and the procedure record (:mod:`.procedure`). Web pages
and the API call these."""

from hipdip.web.plans.services.errors import ChoicesInvalid, NotAllowed, StaleVersion
from hipdip.web.plans.services.plan import (
    checklist_tick,
    plan_approve,
    plan_changes,
    plan_save,
    validate_choices,
)
from hipdip.web.plans.services.procedure import ProcedureInput, procedure_save

__all__ = [
    "ChoicesInvalid",
    "NotAllowed",
    "ProcedureInput",
    "StaleVersion",
    "checklist_tick",
    "plan_approve",
    "plan_changes",
    "plan_save",
    "procedure_save",
    "validate_choices",
]
