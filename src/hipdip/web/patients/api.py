"""API: patient records (staff see their clinic's; a patient sees their own)."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from hipdip.web.accounts.api_helpers import api_actor, api_user
from hipdip.web.accounts.schemas import ClinicOut, MeOut
from hipdip.web.audit.services import audit_record
from hipdip.web.core.pagination import BoundedLimitOffsetPagination
from hipdip.web.patients.access import Perm, get_for_actor, patients_visible_to
from hipdip.web.patients.models import Patient
from hipdip.web.patients.schemas import ContactIn, ContactOut, PatientOut
from hipdip.web.patients.selectors import patient_list, patient_of_user
from hipdip.web.patients.services import CONTACT_FIELDS, patient_contact_update

router = Router(tags=["patients"])


class PatientFilter(Schema):
    search: str = ""


@router.get("/patients", response=list[PatientOut])
@paginate(BoundedLimitOffsetPagination)
def patients(request: HttpRequest, filters: Query[PatientFilter]) -> QuerySet[Patient]:
    """Patients the caller may see (`?search=` matches name or email), paginated."""
    actor = api_actor(request)
    qs = patient_list(visible=patients_visible_to(actor.user), search=filters.search[:100])
    audit_record(actor=actor, action="patient.list", detail={"search": bool(filters.search)})
    return qs


@router.get("/patients/{patient_id}", response=PatientOut)
def patient_detail(request: HttpRequest, patient_id: str) -> Patient:
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.VIEW, action="patient.view")
    return patient_list(visible=Patient.objects.filter(pk=patient.pk)).get()


@router.get("/patients/{patient_id}/contact", response=ContactOut)
def patient_contact(request: HttpRequest, patient_id: str) -> ContactOut:
    """The patient's phone (E.164), preferred contact and emergency contact."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, action="patient.contact.view")
    return ContactOut(**{f: getattr(patient, f) for f in CONTACT_FIELDS})


@router.put("/patients/{patient_id}/contact", response=ContactOut)
def patient_contact_set(request: HttpRequest, patient_id: str, data: ContactIn) -> ContactOut:
    """Replace the contact details; a number that is not a phone number is a 422."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    patient = patient_contact_update(actor=actor, patient=patient, **data.dict())
    return ContactOut(**{f: getattr(patient, f) for f in CONTACT_FIELDS})


# The tag and operation id it had in the accounts router, so API clients see no change.
@router.get("/me", response=MeOut, tags=["auth"], operation_id="hipdip_web_accounts_api_me")
def me(request: HttpRequest) -> MeOut:
    """The signed-in user, their role, and for a patient their patient id."""
    user = api_user(request)
    patient = patient_of_user(user)
    return MeOut(
        id=user.pk,
        email=user.email,
        full_name=user.full_name,
        role=user.role,
        clinic=ClinicOut(id=user.clinic.pk, name=user.clinic.name) if user.clinic else None,
        patient_id=patient.pk if patient else None,
    )
