"""Every existing clinic gets the default visit types (new clinics get them from
``services.appointment_types_ensure`` when their hours are first set)."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def _seed(apps: Any, schema_editor: Any) -> None:
    from hipdip.web.appointments.rules import type_defaults
    from hipdip.web.clinic.care import settings_from_overrides

    Clinic = apps.get_model("accounts", "Clinic")
    CareSettings = apps.get_model("clinic", "ClinicCareSettings")
    AppointmentType = apps.get_model("appointments", "AppointmentType")
    for clinic in Clinic.objects.all():
        row = CareSettings.objects.filter(clinic=clinic).first()
        try:
            days = settings_from_overrides(row.overrides if row else {}).followup_days
        except ValueError:
            days = settings_from_overrides({}).followup_days
        for t in type_defaults(tuple(days)):
            AppointmentType.objects.get_or_create(
                clinic=clinic,
                key=t.key,
                defaults={
                    "kind": t.kind,
                    "name": t.name,
                    "duration_minutes": t.duration_minutes,
                    "patient_bookable": t.patient_bookable,
                    "followup_day": t.followup_day,
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0002_no_double_booking_on_postgresql"),
        ("clinic", "0001_initial"),
    ]

    operations = [migrations.RunPython(_seed, migrations.RunPython.noop)]
