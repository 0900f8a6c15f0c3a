"""Plan, pre-op checklist and procedure pages. Staff edit the plan (a surgeon approves);
the patient reads the approved plan and ticks the checklist. One module per page:
:mod:`.plan_page`, :mod:`.preop_page`, :mod:`.procedure_page`."""

from hipdip.web.plans.views.plan_page import plan, plan_approve, plan_preview, plan_reconfirm
from hipdip.web.plans.views.preop_page import preop, preop_tick
from hipdip.web.plans.views.procedure_page import procedure

__all__ = [
    "plan",
    "plan_approve",
    "plan_preview",
    "plan_reconfirm",
    "preop",
    "preop_tick",
    "procedure",
]
