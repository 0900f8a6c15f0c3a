"""Who may export or erase a patient's data.

A patient may download their own export; the clinic's staff may export their patients'
data (they can already read all of it, and download the FHIR export and the summary PDF).
Only a clinic admin may erase a patient. Another clinic's patient is not found (404).
"""

from __future__ import annotations

from hipdip.web.access import get_for_actor, require_clinic_admin, require_staff
from hipdip.web.accounts.actor import Actor
from hipdip.web.patients.models import Patient


def patient_for_export(actor: Actor, patient_id: object) -> Patient:
    """The patient whose data `actor` may export (404 otherwise)."""
    patient = get_for_actor(actor, Patient, patient_id)
    user = actor.user
    if user is not None and user.is_patient:
        return patient
    require_staff(actor)
    return patient


def patient_for_erasure(actor: Actor, patient_id: object) -> Patient:
    """The patient `actor` may erase: a patient of the actor's clinic, actor its admin."""
    patient = get_for_actor(actor, Patient, patient_id)
    require_clinic_admin(actor)
    return patient


def can_erase(actor: Actor) -> bool:
    user = actor.user
    return bool(user is not None and user.is_clinic_staff and user.is_clinic_admin)
