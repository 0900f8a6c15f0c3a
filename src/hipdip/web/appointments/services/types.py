"""The visit types of a clinic: the defaults are created once, then the clinic edits them."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Clinic
from hipdip.web.accounts.roles import require_clinic_admin
from hipdip.web.appointments.models import AppointmentType, Kind
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


class TypeInvalid(DomainError):
    code = "invalid_type"


def appointment_type_add(
    *,
    actor: Actor,
    name: str,
    kind: str,
    duration_minutes: int,
    patient_bookable: bool,
    followup_day: int | None = None,
) -> AppointmentType:
    """A clinic admin adds a kind of visit (offered at once). Names are unique in a clinic
    whatever their case, counting the kinds no longer offered; the stable `key` the API
    books by is made from the name."""
    clinic = require_clinic_admin(actor)
    name = " ".join(name.split())
    if followup_day is not None and kind != Kind.FOLLOWUP:
        raise TypeInvalid(
            "Only a follow-up has a day after surgery.",
            details={"followup_day": ["Only a follow-up has a day after surgery."]},
        )
    with transaction.atomic():
        # One add at a time per clinic, so two admins cannot add the same name at once.
        Clinic.objects.select_for_update().filter(pk=clinic.pk).first()
        # Compared here rather than by the database: SQLite folds the case of ASCII only.
        existing = next(
            (
                t
                for t in AppointmentType.objects.filter(clinic=clinic)
                if " ".join(t.name.split()).casefold() == name.casefold()
            ),
            None,
        )
        if existing is not None:
            message = f"There is already a kind of visit called “{existing.name}”."
            if not existing.active:
                message += " It is not offered now: tick “Offered” beside it to offer it again."
            raise TypeInvalid(message, details={"name": [message]})
        appointment_type = AppointmentType(
            clinic=clinic,
            key=_free_key(clinic, name),
            kind=kind,
            name=name,
            duration_minutes=duration_minutes,
            patient_bookable=patient_bookable,
            followup_day=followup_day,
            active=True,
        )
        full_clean_or_raise(appointment_type)
        appointment_type.save()
        audit_record(
            actor=actor,
            action="appointment_type.add",
            target=appointment_type,
            clinic=clinic,
            detail={
                "key": appointment_type.key,
                "kind": kind,
                "duration_minutes": duration_minutes,
                "patient_bookable": patient_bookable,
            },
        )
    return appointment_type


def _free_key(clinic: Clinic, name: str) -> str:
    """A key made from the name (``scar_check``) that the clinic does not use yet."""
    field = AppointmentType._meta.get_field("key")
    limit = int(field.max_length or 40)
    base = slugify(name).replace("-", "_")[:limit].strip("_") or "visit"
    taken = set(AppointmentType.objects.filter(clinic=clinic).values_list("key", flat=True))
    key, n = base, 1
    while key in taken:
        n += 1
        suffix = f"_{n}"
        key = base[: limit - len(suffix)] + suffix
    return key
