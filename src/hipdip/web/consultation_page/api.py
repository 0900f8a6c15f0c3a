"""API: the surgeon's decision to go ahead despite a finding. A finding may come from the
screening (consultations) or from the plan, so this endpoint sits above both apps."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from hipdip.web.access import Perm, get_for_actor, require_surgeon
from hipdip.web.accounts.api_helpers import api_actor
from hipdip.web.consultations.schemas import OverrideIn, OverrideOut
from hipdip.web.consultations.services import finding_override_create
from hipdip.web.patients.models import Patient
from hipdip.web.plans.selectors import plan_finding_codes

router = Router(tags=["consultation"])


# The operation id it had in the consultations router, so API clients see no change.
@router.post(
    "/patients/{patient_id}/screening/overrides",
    response={201: OverrideOut},
    operation_id="hipdip_web_consultations_api_override_create",
)
def override_create(request: HttpRequest, patient_id: str, data: OverrideIn) -> OverrideOut:
    """A surgeon records the decision to go ahead despite a finding, with the reason."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    require_surgeon(actor)
    row = finding_override_create(
        actor=actor,
        patient=patient,
        code=data.code,
        reason=data.reason,
        extra_codes=plan_finding_codes(patient),
    )
    return OverrideOut(
        id=row.pk, reason=row.reason, surgeon=row.decided_by_name, decided_on=row.decided_on
    )
