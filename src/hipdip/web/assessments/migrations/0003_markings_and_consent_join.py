"""The former `imaging` app's models join this app (the apps merged into `assessments`).

`MarkingSet` and `GalleryConsent` keep their tables (``imaging_markingset``,
``imaging_galleryconsent``), rows, constraints and indexes. On a database made before the
merge the tables exist and only Django's state changes; on a new database they are created
here, since the `imaging` app and its migrations are gone. The old geometry cache table
(``imaging_photogeometry``), read by 0002, is dropped if it is still there. The
``imaging`` rows in ``django_migrations`` are left as they are: nothing reads them.
"""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import ProjectState


class CreateModelKeepingTable(migrations.CreateModel):
    """CreateModel that adopts the model's table when it already exists."""

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        model = to_state.apps.get_model(app_label, self.name)
        if model._meta.db_table in schema_editor.connection.introspection.table_names():
            return
        super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        """Going back leaves the tables (and their rows) alone."""


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0001_initial"),
        ("photos", "0002_assessment_stored_whole"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        CreateModelKeepingTable(
            name="GalleryConsent",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "scope",
                    models.CharField(
                        choices=[
                            (
                                "clinic",
                                "In the clinic (shown to other patients during consultations)",
                            ),
                            ("public", "Public (the clinic's website and printed material)"),
                        ],
                        max_length=20,
                    ),
                ),
                ("granted_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "note",
                    models.CharField(
                        blank=True, help_text="E.g. where the signed form is filed.", max_length=200
                    ),
                ),
                ("revoked_at", models.DateTimeField(blank=True, null=True)),
                (
                    "patient",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="gallery_consents",
                        to="patients.patient",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "revoked_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "db_table": "imaging_galleryconsent",
                "ordering": ("-granted_at",),
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("revoked_at__isnull", True)),
                        fields=("patient", "scope"),
                        name="galleryconsent_one_active_per_scope",
                    )
                ],
            },
        ),
        CreateModelKeepingTable(
            name="MarkingSet",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("plan_id", models.UUIDField(blank=True, db_index=True, null=True)),
                ("marks", models.JSONField(blank=True, default=list)),
                ("version", models.PositiveIntegerField(default=1)),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False),
                ),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "patient",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="marking_sets",
                        to="patients.patient",
                    ),
                ),
                (
                    "photo",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="marking_sets",
                        to="photos.photo",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "db_table": "imaging_markingset",
                "ordering": ("-updated_at",),
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("plan_id__isnull", True)),
                        fields=("photo",),
                        name="markingset_one_per_photo",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("plan_id__isnull", False)),
                        fields=("photo", "plan_id"),
                        name="markingset_one_per_photo_and_plan",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("version__gte", 1)), name="markingset_version_positive"
                    ),
                ],
            },
        ),
        migrations.RunSQL(
            "DROP TABLE IF EXISTS imaging_photogeometry", migrations.RunSQL.noop, elidable=True
        ),
    ]
