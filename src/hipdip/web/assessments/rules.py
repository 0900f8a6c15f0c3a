"""Who may do what with markings, previews, comparisons and gallery consent.

Object access (may this person see this patient at all?) is `hipdip.web.access`; these
rules narrow it by role, on top:

| | the patient (own record) | coordinator, clinic admin | surgeon |
| --- | --- | --- | --- |
| see saved markings, previews, comparisons; download the comparison | yes | yes | yes |
| change markings | — | — | yes |
| record gallery consent, export for the gallery | — | yes | yes |
| withdraw gallery consent | yes | yes | yes |

Markings are a surgeon's clinical drawing, so only surgeons change them. A gallery picture
leaves the patient's file, so only the clinic's staff make one, and only with an active
consent. Whoever may see a record but not do one of these gets 403 with a reason (the
refusal is audited); whoever may not see the record gets 404 from the access helper.
"""

from __future__ import annotations

from typing import NoReturn

from django.core.exceptions import PermissionDenied
from django.db import models

from hipdip.web.access import Perm, can_access_patient
from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role, User
from hipdip.web.audit.models import Outcome
from hipdip.web.audit.services import audit_record
from hipdip.web.patients.models import Patient

MARKING_EDITOR_ROLES = frozenset({Role.SURGEON})
GALLERY_ROLES = frozenset({Role.COORDINATOR, Role.SURGEON, Role.CLINIC_ADMIN})


def can_edit_markings(user: User | None, patient: Patient) -> bool:
    return (
        user is not None
        and can_access_patient(user, patient, Perm.CHANGE)
        and user.role in MARKING_EDITOR_ROLES
    )


def can_manage_gallery(user: User | None, patient: Patient) -> bool:
    """Record consent and export for the gallery: the clinic's staff."""
    return (
        user is not None
        and user.is_clinic_staff
        and user.role in GALLERY_ROLES
        and can_access_patient(user, patient, Perm.CHANGE)
    )


def can_withdraw_consent(user: User | None, patient: Patient) -> bool:
    """Staff, and the patient, who can withdraw as easily as they agreed."""
    if user is None:
        return False
    if user.is_patient:
        return patient.user_id == user.pk
    return can_manage_gallery(user, patient)


def _refuse(
    actor: Actor, action: str, patient: Patient, target: models.Model | None, why: str
) -> NoReturn:
    audit_record(actor=actor, action=action, patient=patient, target=target, outcome=Outcome.DENIED)
    raise PermissionDenied(why)


def require_marking_editor(
    actor: Actor, patient: Patient, *, target: models.Model | None = None
) -> None:
    if not can_edit_markings(actor.user, patient):
        _refuse(actor, "markings.save", patient, target, "Only surgeons can change markings.")


def require_gallery_manager(
    actor: Actor, patient: Patient, *, action: str, target: models.Model | None = None
) -> None:
    if not can_manage_gallery(actor.user, patient):
        _refuse(actor, action, patient, target, "Only the clinic's staff can do this.")


def require_consent_withdrawer(
    actor: Actor, patient: Patient, *, target: models.Model | None = None
) -> None:
    if not can_withdraw_consent(actor.user, patient):
        _refuse(
            actor,
            "gallery_consent.revoke",
            patient,
            target,
            "Only the patient or the clinic's staff can withdraw this consent.",
        )
