"""Clinics that existed before two-step sign-in: nobody is required until their admin
chooses (the admin is asked at sign-in). Forcing every surgeon to set up a phone app at
their next sign-in, unannounced, between patients, would be a surprise; new clinics get
the default (surgeons and admins)."""

from django.db import migrations


def existing_clinics_nobody(apps, schema_editor):
    Clinic = apps.get_model("accounts", "Clinic")
    MfaPolicy = apps.get_model("mfa", "MfaPolicy")
    MfaPolicy.objects.bulk_create(
        [
            MfaPolicy(clinic=clinic, required_for="nobody", chosen_by=None)
            for clinic in Clinic.objects.filter(mfa_policy__isnull=True)
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("mfa", "0001_initial"),
        ("accounts", "0003_apitoken_related_name_beside_wagtail"),
    ]

    operations = [migrations.RunPython(existing_clinics_nobody, migrations.RunPython.noop)]
