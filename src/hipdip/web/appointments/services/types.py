"""The visit types of a clinic: the defaults are created once, then the clinic edits them."""

from __future__ import annotations

from django.db import transaction

from hipdip.web.accounts.models import Clinic
from hipdip.web.appointments.models import AppointmentType
from hipdip.web.appointments.rules import type_defaults
from hipdip.web.clinic.selectors import care_settings_for


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
