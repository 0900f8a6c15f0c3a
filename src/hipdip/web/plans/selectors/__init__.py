"""Reading plans: the surgeon's choices (:mod:`.choices`), the plan the care layer proposes
from them (:mod:`.plan`), the JSON summary that pages, the PDF, the API and approval
snapshots all share (:mod:`.summary`), and the procedure record (:mod:`.procedure`)."""

from hipdip.web.plans.selectors.choices import (
    PlanChoices,
    changed_fields,
    default_choices,
    donor_site_choices,
)
from hipdip.web.plans.selectors.drift import Drift, SideDrift, confirmed_baseline, plan_drift
from hipdip.web.plans.selectors.plan import (
    Computed,
    compute,
    plan_events,
    plan_finding_codes,
    plan_of,
    plan_view,
)
from hipdip.web.plans.selectors.procedure import (
    SafetyCheck,
    procedure_checks,
    procedure_date_of,
    procedure_of,
    procedure_overrides,
)
from hipdip.web.plans.selectors.summary import (
    assumptions,
    finding_dict,
    plan_summary,
    plane_label,
    session_info,
)

__all__ = [
    "Computed",
    "Drift",
    "PlanChoices",
    "SafetyCheck",
    "SideDrift",
    "assumptions",
    "changed_fields",
    "compute",
    "confirmed_baseline",
    "default_choices",
    "donor_site_choices",
    "finding_dict",
    "plan_drift",
    "plan_events",
    "plan_finding_codes",
    "plan_of",
    "plan_summary",
    "plan_view",
    "plane_label",
    "procedure_checks",
    "procedure_date_of",
    "procedure_of",
    "procedure_overrides",
    "session_info",
]
