"""A database from before the assessment was stored whole (and before `photos` and
`imaging` merged into `assessments`) migrates, keeps its marks, and its photos then render
their markings, preview, comparison and printed markings without the model."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps.registry import Apps
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from hipdip.web.assessments.models import MarkingSet, Photo
from hipdip.web.assessments.selectors.markings import marking_images_for_patient

from ...conftest import World
from ..pictures.worlds import Pair, measured_pair

BEFORE_CHANGE = [("photos", "0001_initial")]
CACHE_MARK = 0.25

#: The stored geometry's field names before the change.
OLD_NAMES = {
    "outline_xy": "outline",
    "envelope_xy": "envelope",
    "deepest_xy": "deepest",
    "joints_xy": "landmarks",
    "level_rows": "levels",
    "image_size_hw": "image_size",
    "image_side": "image_side",
    "body_points_xy": "body_points",
    "stature_rows": "stature_rows",
}


def _migrate(targets: list[tuple[str, str]] | None = None) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    plan = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(plan)
    return executor.loader.project_state(plan).apps


class _OldGeometryCache(models.Model):
    """The former `imaging` app's geometry cache table, as its migration created it."""

    photo_id = models.UUIDField(unique=True)
    analysed_at = models.DateTimeField(null=True)
    data = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        apps = Apps()
        app_label = "imaging"
        db_table = "imaging_photogeometry"


def _as_before_the_change(apps: Any, pair: Pair) -> None:
    """Rewrite the rows as the old code stored them: numbers only, and the before photo's
    outline in the old geometry cache (the after photo's was never traced)."""
    OldPhoto = apps.get_model("photos", "Photo")
    for photo in (pair.before_photo, pair.after_photo):
        row = OldPhoto.objects.get(pk=photo.pk)
        numbers = {k: v for k, v in row.assessment.items() if k != "geometry"}
        OldPhoto.objects.filter(pk=photo.pk).update(assessment=numbers)
    with connection.schema_editor() as editor:
        editor.create_model(_OldGeometryCache)
    old = OldPhoto.objects.get(pk=pair.before_photo.pk)
    geometry = dict(pair.before_photo.assessment_data["geometry"])
    # Marked so the test can tell the cached outline from one traced again.
    geometry["stature_rows"] = [r + CACHE_MARK for r in geometry["stature_rows"]]
    _OldGeometryCache.objects.create(
        photo_id=old.pk,
        analysed_at=old.analysed_at,
        data={OLD_NAMES[k]: v for k, v in geometry.items()},
    )


@pytest.mark.django_db(transaction=True)
def test_a_session_measured_before_the_change_renders_without_the_model(
    world: World, web_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    pair = measured_pair(world.own.patient)
    marks = MarkingSet.objects.create(
        patient=pair.patient, photo=pair.before_photo, marks=[], version=3
    )
    expected = {p.pk: p.assessment for p in (pair.before_photo, pair.after_photo)}
    try:
        old_apps = _migrate(BEFORE_CHANGE)
        _as_before_the_change(old_apps, pair)
    finally:
        _migrate()  # the migration under test; it also leaves the schema as the suite needs

    for pk, assessment in expected.items():
        migrated = Photo.objects.get(pk=pk).assessment
        assert migrated is not None and migrated.geometry is not None
        assert migrated.sides == assessment.sides  # the stored numbers are kept
    # The before photo's outline comes from the old cache (marked), the after photo's is
    # traced once in the migration: the same pixels, so exactly the outline it had.
    cached = Photo.objects.get(pk=pair.before_photo.pk).assessment.geometry
    top, floor = expected[pair.before_photo.pk].geometry.stature_rows
    assert cached.stature_rows == (top + CACHE_MARK, floor + CACHE_MARK)
    assert cached.outline_xy == expected[pair.before_photo.pk].geometry.outline_xy
    traced = Photo.objects.get(pk=pair.after_photo.pk).assessment.geometry
    assert traced == expected[pair.after_photo.pk].geometry
    assert "imaging_photogeometry" not in connection.introspection.table_names()
    # The marks saved before the apps merged are still there, in their own table.
    assert MarkingSet.objects.get(pk=marks.pk).version == 3

    def model_run(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the pose model ran while rendering a stored photo")

    monkeypatch.setattr("hipdip.vision.pipeline.default_detector", model_run)
    monkeypatch.setattr("hipdip.vision.detection.default_detector", model_run)
    monkeypatch.setattr("hipdip.vision.pipeline.analyze", model_run)
    monkeypatch.setattr("hipdip.vision.analyze", model_run)
    client = web_client(world.surgeon)
    photo, patient = pair.before_photo.pk, pair.patient.pk
    query = f"before={pair.before.pk}&after={pair.after.pk}&view=front"
    for url in (
        f"/photos/{photo}/markings/",
        f"/photos/{photo}/markings.png",
        f"/photos/{photo}/preview/",
        f"/photos/{photo}/preview.jpg?fill=0.5&region=hips",
        f"/patients/{patient}/compare/",
        f"/patients/{patient}/compare/image?{query}&which=sheet",
    ):
        assert client.get(url).status_code == 200, url
    # What the consultation PDF prints for markings (the PDF itself is written by
    # WeasyPrint from these pictures and the stored numbers).
    (printed,) = marking_images_for_patient(pair.patient, close_up=True)
    assert printed.png.startswith(b"\x89PNG")
