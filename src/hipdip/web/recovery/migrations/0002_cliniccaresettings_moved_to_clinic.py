"""ClinicCareSettings now belongs to the ``clinic`` app (see ``clinic/0001_initial``): drop
it from this app's state only; the table and its rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0001_initial"),
        ("recovery", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ClinicCareSettings")],
            database_operations=[],
        ),
    ]
