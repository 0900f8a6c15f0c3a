"""``{% staff_patient_summary patient %}``: the summary at the top of a patient's page for
staff (stage, alerts, next visit, contact, open tasks). The patient page lives in
``pages``, beside this app, so it asks for the summary by tag rather than by import."""

from __future__ import annotations

from typing import Any

from django import template

from hipdip.web.patients.access import Perm, can_access_patient
from hipdip.web.patients.models import Patient
from hipdip.web.workspace.selectors.summary import patient_summary

register = template.Library()


@register.inclusion_tag("workspace/_patient_summary.html", takes_context=True)
def staff_patient_summary(context: Any, patient: Patient) -> dict[str, Any]:
    """The summary for a staff member of the patient's clinic; nothing for anyone else.
    (The page that includes it has already checked and audited the read.)"""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_clinic_staff", False):
        return {"summary": None}
    if not can_access_patient(user, patient, Perm.VIEW):
        return {"summary": None}
    summary = patient_summary(patient, reader=user)
    return {"summary": summary, "zone": summary.zone, "request": request}
