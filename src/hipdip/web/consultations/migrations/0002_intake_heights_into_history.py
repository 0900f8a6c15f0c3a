"""Every stored questionnaire height enters the patient's height history (issue 13), so
photo sessions are checked against it from now on. Only the questionnaire's height is
copied: photo sessions from before keep their height and are checked against it."""

from decimal import Decimal, InvalidOperation

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Intake = apps.get_model("consultations", "Intake")
    PatientHeight = apps.get_model("patients", "PatientHeight")
    for intake in Intake.objects.all().iterator():
        value = (intake.answers or {}).get("height_cm")
        try:
            height = Decimal(str(value)).quantize(Decimal("0.1"))
        except (InvalidOperation, ValueError, TypeError):
            continue
        if not Decimal("100") <= height <= Decimal("250"):
            continue
        if PatientHeight.objects.filter(patient_id=intake.patient_id).exists():
            continue
        PatientHeight.objects.create(
            patient_id=intake.patient_id,
            height_cm=height,
            source="intake",
            confirmed=True,
            recorded_by_id=intake.updated_by_id,
            recorded_at=intake.updated_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("patients", "0003_patient_height_history"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
