"""ClinicCareSettings moves here from ``recovery``: the model's state only, the table keeps
its name and its rows (``db_table``), and its content type follows it so admin history and
permissions stay attached."""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def _content_type_to_clinic(apps: Any, schema_editor: Any) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    if content_type.objects.filter(app_label="clinic", model="cliniccaresettings").exists():
        return
    content_type.objects.filter(app_label="recovery", model="cliniccaresettings").update(
        app_label="clinic"
    )


def _content_type_to_recovery(apps: Any, schema_editor: Any) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="clinic", model="cliniccaresettings").update(
        app_label="recovery"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("recovery", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ClinicCareSettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "overrides",
                            models.JSONField(
                                blank=True,
                                default=dict,
                                help_text='Clinical settings that differ from the defaults, e.g. {"fever_c": 38.5}.',
                            ),
                        ),
                        (
                            "alert_emails",
                            models.TextField(
                                blank=True,
                                help_text="Addresses for check-in alerts, one per line. Empty: the clinic's coordinators and surgeons.",
                            ),
                        ),
                        ("default_timezone", models.CharField(default="UTC", max_length=64)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "clinic",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="care_settings",
                                to="accounts.clinic",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "clinic care settings",
                        "verbose_name_plural": "clinic care settings",
                        "db_table": "recovery_cliniccaresettings",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(_content_type_to_clinic, _content_type_to_recovery),
    ]
