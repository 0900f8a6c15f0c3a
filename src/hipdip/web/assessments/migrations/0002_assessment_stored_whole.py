"""The assessment is stored whole: `Photo.assessment_data` (same column) gains the geometry.

Until now the stored assessment held the numbers only, and the markings, preview, compare
and PDF pages traced every photo again (kept in `imaging_photogeometry`). This migration:

1. renames the field to `assessment_data` in Django's state only: the database column is
   still ``assessment`` and the check constraint's SQL is unchanged;
2. gives every stored assessment a ``"geometry"`` key:
   - a failed analysis gets ``null``;
   - a measured photo takes the traced geometry cached in ``imaging_photogeometry`` when
     that cache belongs to the same analysis (same ``analysed_at``), renamed to the new
     field names (``outline`` -> ``outline_xy`` ...);
   - otherwise the stored photo file is analysed once more, here, and only its geometry is
     kept: the stored numbers stay exactly what the patient has seen. If that fails (file
     missing, photo no longer measurable) the geometry stays ``null`` and the pages say the
     outline is unavailable, as they did when tracing again failed.

Reversing keeps the geometry in the column (harmless for the old code, which ignores it).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.utils import timezone
from django.utils.dateparse import parse_datetime

logger = logging.getLogger(__name__)

#: Field names of the geometry before this change -> after.
_RENAMED = {
    "outline": "outline_xy",
    "envelope": "envelope_xy",
    "deepest": "deepest_xy",
    "landmarks": "joints_xy",
    "levels": "level_rows",
    "image_size": "image_size_hw",
    "image_side": "image_side",
    "body_points": "body_points_xy",
    "stature_rows": "stature_rows",
}


def _old_cache(schema_editor: BaseDatabaseSchemaEditor) -> dict[str, tuple[Any, Any]]:
    """photo id -> (analysed_at, geometry) from the old cache table, if it is there."""
    connection = schema_editor.connection
    if "imaging_photogeometry" not in connection.introspection.table_names():
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT photo_id, analysed_at, data FROM imaging_photogeometry")
        rows = cursor.fetchall()
    out = {}
    for photo_id, analysed_at, data in rows:
        out[str(photo_id).replace("-", "")] = (_when(analysed_at), _json(data))
    return out


def _when(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    when = parse_datetime(value) if isinstance(value, str) else value
    if when is not None and timezone.is_naive(when):
        when = timezone.make_aware(when, dt.UTC)
    return when


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def _converted(old: dict[str, Any]) -> dict[str, Any] | None:
    """The cached geometry under the new names, checked by parsing it; None if unusable."""
    from hipdip.vision.assessment import Geometry

    try:
        new = {_RENAMED[k]: v for k, v in old.items() if k in _RENAMED}
        return Geometry.from_dict(new).to_dict()
    except (KeyError, TypeError, ValueError):
        return None


def _traced_again(photo: Any) -> dict[str, Any] | None:
    """The geometry of the stored photo, analysed once more; None when that fails."""
    from django.core.files.storage import default_storage

    from hipdip.vision import analyze

    try:
        with default_storage.open(photo.image.name or "", "rb") as fh:
            data = fh.read()
    except OSError:
        logger.warning("photo %s: stored file unreadable; no geometry", photo.pk)
        return None
    result = analyze(
        data, height_cm=float(photo.session.height_cm), view=photo.view, name=str(photo.pk)
    )
    if not result.ok or result.geometry is None:
        logger.warning("photo %s: not measurable again; no geometry", photo.pk)
        return None
    return result.geometry.to_dict()


def add_geometry(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Photo = apps.get_model("photos", "Photo")
    cache = _old_cache(schema_editor)
    rows = Photo.objects.filter(assessment_data__isnull=False).select_related("session")
    for photo in rows.iterator():
        data = dict(photo.assessment_data)
        if "geometry" in data:
            continue
        geometry = None
        if photo.status == "done" and data.get("ok"):
            analysed_at, old = cache.get(photo.pk.hex, (None, None))
            if old is not None and analysed_at == photo.analysed_at:
                geometry = _converted(old)
            if geometry is None:
                geometry = _traced_again(photo)
        data["geometry"] = geometry
        Photo.objects.filter(pk=photo.pk).update(assessment_data=data)


class Migration(migrations.Migration):
    dependencies = [
        ("photos", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(model_name="photo", name="photo_done_has_assessment"),
                migrations.RenameField(
                    model_name="photo", old_name="assessment", new_name="assessment_data"
                ),
                migrations.AlterField(
                    model_name="photo",
                    name="assessment_data",
                    field=models.JSONField(blank=True, db_column="assessment", null=True),
                ),
                migrations.AddConstraint(
                    model_name="photo",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "done"), _negated=True),
                            ("assessment_data__isnull", False),
                            _connector="OR",
                        ),
                        name="photo_done_has_assessment",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(add_geometry, migrations.RunPython.noop, elidable=True),
    ]
