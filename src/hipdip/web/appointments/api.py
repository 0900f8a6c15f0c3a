"""API: free slots, booking, a person's visits, moving and cancelling.

Patients see and book their own visits (the types the clinic lets them book, within its
notice period); clinic staff see their clinic's visits and book for its patients.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.params import functions as param
from ninja.responses import Status

from hipdip.web.access import Perm, get_for_actor
from hipdip.web.accounts.api_helpers import api_actor
from hipdip.web.appointments import services
from hipdip.web.appointments.lookup import (
    booker_of,
    patient_for,
    slots_for,
    staff_for,
    type_for,
)
from hipdip.web.appointments.models import Appointment
from hipdip.web.appointments.schemas import AppointmentIn, AppointmentOut, MoveIn, SlotOut
from hipdip.web.appointments.selectors import appointments_of_clinic, appointments_of_patient
from hipdip.web.appointments.slots import clinic_zone
from hipdip.web.audit.services import audit_record

router = Router(tags=["appointments"])

#: How many days of the clinic's visits a staff list shows when no range is given.
STAFF_LIST_DAYS = 14


#: A visit type the clinic does not offer, or a date range it cannot answer.
_BAD_QUERY = {
    "description": "Unknown visit type or an unusable date range (code names which).",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


@router.get(
    "/appointments/slots",
    response=list[SlotOut],
    openapi_extra={"responses": {400: _BAD_QUERY}},
)
def slots(
    request: HttpRequest,
    type: str,
    first: Annotated[dt.date, param.Query(..., alias="from")],
    last: Annotated[dt.date, param.Query(..., alias="to")],
    staff_id: int | None = None,
) -> list[SlotOut]:
    """Free slots of a visit type from `from` to `to` (the clinic's dates, inclusive; at
    most 31 days), earliest first, in the clinic's time zone."""
    booker = booker_of(api_actor(request))
    t = type_for(booker, type)
    zone = clinic_zone(booker.clinic)
    return [
        SlotOut(
            start=s.start.astimezone(zone),
            end=s.end.astimezone(zone),
            staff_id=s.staff_id,
            staff_name=s.staff_name,
        )
        for s in slots_for(booker, t, first, last, staff=staff_for(booker, staff_id))
    ]


@router.post("/appointments", response={201: AppointmentOut})
def book(request: HttpRequest, data: AppointmentIn) -> Status[AppointmentOut]:
    """Book a visit in a free slot. 409 when someone else took it first."""
    actor = api_actor(request)
    booker = booker_of(actor)
    staff = staff_for(booker, data.staff_id)
    assert staff is not None
    appt = services.appointment_book(
        actor=actor,
        patient=patient_for(actor, booker, str(data.patient_id) if data.patient_id else None),
        appointment_type=type_for(booker, data.type),
        staff=staff,
        start=data.start,
    )
    return Status(201, appointment_out(appt))


@router.get("/appointments", response=list[AppointmentOut])
def appointment_list(
    request: HttpRequest,
    first: Annotated[dt.date | None, param.Query(None, alias="from")] = None,
    last: Annotated[dt.date | None, param.Query(None, alias="to")] = None,
) -> list[AppointmentOut]:
    """A patient's own upcoming visits; for staff, the clinic's visits from `from` to `to`
    (default: the next 14 days)."""
    actor = api_actor(request)
    booker = booker_of(actor)
    if not booker.is_staff:
        assert booker.patient is not None
        audit_record(
            actor=actor, action="appointment.list", patient=booker.patient, target=booker.patient
        )
        return [appointment_out(a) for a in appointments_of_patient(booker.patient)]
    zone = clinic_zone(booker.clinic)
    first = first or timezone.now().astimezone(zone).date()
    last = last or first + dt.timedelta(days=STAFF_LIST_DAYS - 1)
    start = dt.datetime.combine(first, dt.time(0), tzinfo=zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    found = list(appointments_of_clinic(booker.clinic, start=start, end=end))
    audit_record(
        actor=actor,
        action="appointment.list",
        clinic=booker.clinic,
        detail={"from": first.isoformat(), "to": last.isoformat(), "count": len(found)},
    )
    return [appointment_out(a) for a in found]


@router.get("/appointments/{appointment_id}", response=AppointmentOut)
def appointment_detail(request: HttpRequest, appointment_id: str) -> AppointmentOut:
    appt = get_for_actor(api_actor(request), Appointment, appointment_id, action="appointment.view")
    return appointment_out(appt)


@router.post("/appointments/{appointment_id}/move", response=AppointmentOut)
def move(request: HttpRequest, appointment_id: str, data: MoveIn) -> AppointmentOut:
    """Move a visit to another free slot (staff may also give another staff member)."""
    actor = api_actor(request)
    appt = get_for_actor(actor, Appointment, appointment_id, perm=Perm.CHANGE)
    booker = booker_of(actor)
    staff = staff_for(booker, data.staff_id) if booker.is_staff else None
    return appointment_out(
        services.appointment_move(actor=actor, appointment=appt, start=data.start, staff=staff)
    )


@router.post("/appointments/{appointment_id}/cancel", response=AppointmentOut)
def cancel(request: HttpRequest, appointment_id: str) -> AppointmentOut:
    actor = api_actor(request)
    appt = get_for_actor(actor, Appointment, appointment_id, perm=Perm.CHANGE)
    return appointment_out(services.appointment_cancel(actor=actor, appointment=appt))


def appointment_out(a: Appointment, *, zone: dt.tzinfo | None = None) -> AppointmentOut:
    """The visit as the API shows it, in the clinic's time zone (pass `zone` when it is
    known already, as for a list of one clinic's visits: it saves a query per visit)."""
    zone = zone or clinic_zone(a.clinic)
    return AppointmentOut(
        id=a.pk,
        type=a.type.key,
        type_name=a.type.name,
        kind=a.type.kind,
        start=a.start.astimezone(zone),
        end=a.end.astimezone(zone),
        status=a.status,
        staff_id=a.staff_id,
        staff_name=a.staff.full_name,
        patient_id=a.patient_id,
        patient_name=a.patient.full_name,
    )
