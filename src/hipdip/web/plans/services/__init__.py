"""Writing plans: saving the surgeon's choices (no lost updates), approval, the pre-op
checklist ticks (:mod:`.plan`), and the procedure record (:mod:`.procedure`). Web pages
and the API call these."""

from hipdip.web.plans.services.errors import (
    ChoicesInvalid,
    NotAllowed,
    NotApproved,
    OverrideRequired,
    StaleVersion,
)
from hipdip.web.plans.services.plan import (
    checklist_tick,
    plan_approve,
    plan_changes,
    plan_save,
    validate_choices,
)
from hipdip.web.plans.services.procedure import ProcedureInput, procedure_save
from hipdip.web.plans.services.reconfirm import plan_reconfirm, plan_revise

__all__ = [
    "ChoicesInvalid",
    "NotAllowed",
    "NotApproved",
    "OverrideRequired",
    "ProcedureInput",
    "StaleVersion",
    "checklist_tick",
    "plan_approve",
    "plan_changes",
    "plan_reconfirm",
    "plan_revise",
    "plan_save",
    "procedure_save",
    "validate_choices",
]
