"""No person booked twice at once, as a database guarantee on PostgreSQL: two exclusion
constraints over the visit's time range, one per staff member and one per patient, for
booked visits only (``btree_gist`` lets ``=`` on the ids share the GiST index).

SQLite has no exclusion constraints; there every write transaction is serialised
(``transaction_mode = IMMEDIATE``) and the booking service checks inside it, so this
migration does nothing on SQLite.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

CONSTRAINTS = {
    "appointment_staff_no_overlap": "staff_id",
    "appointment_patient_no_overlap": "patient_id",
}


def _add(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for name, column in CONSTRAINTS.items():
        schema_editor.execute(
            f"ALTER TABLE appointments_appointment ADD CONSTRAINT {name} "
            f"EXCLUDE USING gist ({column} WITH =, tstzrange(start, \"end\", '[)') WITH &&) "
            "WHERE (status = 'booked')"
        )


def _drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONSTRAINTS:
        schema_editor.execute(
            f"ALTER TABLE appointments_appointment DROP CONSTRAINT IF EXISTS {name}"
        )


class Migration(migrations.Migration):
    dependencies = [("appointments", "0001_initial")]

    operations = [migrations.RunPython(_add, _drop, elidable=False)]
