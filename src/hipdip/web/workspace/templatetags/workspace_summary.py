"""``{% staff_patient_summary patient %}``: the summary at the top of a patient's page for
staff (stage, alerts, next visit, contact, open tasks). The patient page lives in
``pages``, beside this app, so it asks for the summary by tag rather than by import."""

from __future__ import annotations

from typing import Any

from django import template

from hipdip.web.patients.models import Patient

register = template.Library()


@register.inclusion_tag("workspace/_patient_summary.html", takes_context=True)
def staff_patient_summary(context: dict[str, Any], patient: Patient) -> dict[str, Any]:
    """The summary for a signed-in staff member of the patient's clinic; nothing else."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_clinic_staff", False):
        return {"summary": None}
    if patient.clinic_id is None or patient.clinic_id != user.clinic_id:
        return {"summary": None}
    return {"summary": None, "patient": patient}
