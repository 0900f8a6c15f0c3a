"""Object access, decided in one place: every view and API endpoint above the patients
app imports it from here.

Who may see which patient's data is :mod:`hipdip.web.patients.access` (it sits with the
patient record); the role checks are :mod:`hipdip.web.accounts.roles`.
"""

from hipdip.web.accounts.roles import require_clinic_admin, require_staff, require_surgeon
from hipdip.web.patients.access import (
    NotFound,
    Owned,
    Perm,
    can_access_patient,
    get_for_actor,
    patients_visible_to,
)

__all__ = [
    "NotFound",
    "Owned",
    "Perm",
    "can_access_patient",
    "get_for_actor",
    "patients_visible_to",
    "require_clinic_admin",
    "require_staff",
    "require_surgeon",
]
