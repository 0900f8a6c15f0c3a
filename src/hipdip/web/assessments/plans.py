"""The link from a marking set to a treatment plan, kept loose.

Plans live in another app (issue 4). A marking set stores only the plan's id; this module
checks, when a plan is named, that it exists and belongs to the same patient. The plan
model is looked up by name at run time, so this app runs (and refuses plan links with a
clear message) before the plans app is installed.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.apps import apps

from hipdip.web.core.errors import DomainError
from hipdip.web.patients.models import Patient

#: "app_label.ModelName" of the treatment plan; it must belong to a patient, through a
#: `patient` foreign key or an `owner_patient()` method.
PLAN_MODEL = "plans.TreatmentPlan"


class PlanRefused(DomainError):
    status_code = 422
    code = "unknown_plan"


def plan_model() -> Any | None:
    try:
        return apps.get_model(PLAN_MODEL)
    except (LookupError, ValueError):
        return None


def check_plan(plan_id: Any, *, patient: Patient) -> uuid.UUID | None:
    """The plan's id as a UUID if it names a plan of `patient`; None for no plan.

    Raises
    ------
    PlanRefused
        For an id that is malformed, unknown, another patient's, or when there are no
        plans in this installation yet. An unknown and another patient's plan read alike.
    """
    if plan_id in (None, ""):
        return None
    try:
        key = plan_id if isinstance(plan_id, uuid.UUID) else uuid.UUID(str(plan_id))
    except (ValueError, TypeError, AttributeError) as exc:
        raise PlanRefused("There is no such treatment plan for this patient.") from exc
    model = plan_model()
    if model is None:
        raise PlanRefused(
            "Treatment plans are not available in this installation yet; save the "
            "markings for the photo instead.",
            code="plans_unavailable",
        )
    plan = model._default_manager.filter(pk=key).first()
    owner = None
    if plan is not None:
        owner = plan.owner_patient() if hasattr(plan, "owner_patient") else plan.patient
    if owner is None or owner.pk != patient.pk:
        raise PlanRefused("There is no such treatment plan for this patient.")
    return key


def plan_of_patient(patient: Patient) -> uuid.UUID | None:
    """The id of the patient's treatment plan, if plans exist here and the patient has one."""
    model = plan_model()
    if model is None:
        return None
    owner_path = getattr(model, "OWNER_PATH", "patient")
    pk = model._default_manager.filter(**{owner_path: patient}).values_list("pk", flat=True)
    first = pk.first()
    return first if isinstance(first, uuid.UUID) else None
