"""The visit types of a clinic: the defaults are created once, then the clinic edits them."""

from __future__ import annotations

from django.db import transaction

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Clinic
from hipdip.web.accounts.roles import require_clinic_admin
from hipdip.web.appointments.models import AppointmentType
from hipdip.web.appointments.rules import type_defaults
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.selectors import care_settings_for
from hipdip.web.core.errors import DomainError, full_clean_or_raise


def appointment_types_ensure(*, clinic: Clinic) -> list[AppointmentType]:
    """Create the default visit types the clinic does not have yet (follow-ups from its
    recovery milestones); existing types, edited or not, are left alone. Returns the new."""
    followup_days = care_settings_for(clinic).followup_days
    have = set(AppointmentType.objects.filter(clinic=clinic).values_list("key", flat=True))
    created: list[AppointmentType] = []
    with transaction.atomic():
        for t in type_defaults(tuple(followup_days)):
            if t.key in have:
                continue
            obj = AppointmentType(
                clinic=clinic,
                key=t.key,
                kind=t.kind,
                name=t.name,
                duration_minutes=t.duration_minutes,
                patient_bookable=t.patient_bookable,
                followup_day=t.followup_day,
            )
            obj.full_clean()
            obj.save()
            created.append(obj)
    return created


def appointment_type_update(
    *,
    actor: Actor,
    appointment_type: AppointmentType,
    duration_minutes: int,
    patient_bookable: bool,
    active: bool,
) -> AppointmentType:
    """A clinic admin changes a visit type's length, whether patients book it themselves,
    or whether it is offered at all (booked visits keep their times)."""
    clinic = require_clinic_admin(actor)
    if appointment_type.clinic_id != clinic.pk:
        raise DomainError("There is no such kind of visit at your clinic.", code="not_found")
    appointment_type.duration_minutes = duration_minutes
    appointment_type.patient_bookable = patient_bookable
    appointment_type.active = active
    full_clean_or_raise(appointment_type)
    with transaction.atomic():
        appointment_type.save()
        audit_record(
            actor=actor,
            action="appointment_type.change",
            target=appointment_type,
            clinic=clinic,
            detail={
                "duration_minutes": duration_minutes,
                "patient_bookable": patient_bookable,
                "active": active,
            },
        )
    return appointment_type
