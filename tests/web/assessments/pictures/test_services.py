"""Markings, previews, comparisons and gallery consent on the database."""

from __future__ import annotations

import io
import uuid
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from django.core.exceptions import PermissionDenied
from PIL import Image

from hipdip.vision.assessment import Geometry
from hipdip.vision.framing import Region, hip_box, torso_box
from hipdip.web.assessments import plans
from hipdip.web.assessments.models import GalleryConsent, MarkingSet, Photo, Status
from hipdip.web.assessments.selectors.comparisons import (
    ConsentMissing,
    comparison_between,
    comparison_export,
    comparison_sheet,
    gallery_sheet,
)
from hipdip.web.assessments.selectors.consent import active_gallery_consents
from hipdip.web.assessments.selectors.markings import (
    marking_images_for_patient,
    marking_images_for_plan,
    markings_png_for_plan,
)
from hipdip.web.assessments.selectors.measured import Unprocessable, analysed_photo
from hipdip.web.assessments.selectors.previews import preview_picture, simulated_depths
from hipdip.web.assessments.services.consent import gallery_consent_record, gallery_consent_revoke
from hipdip.web.assessments.services.markings import marking_set_save
from hipdip.web.audit.models import AuditEvent, Outcome
from hipdip.web.core.errors import Conflict, DomainError

from ...conftest import World
from ...factories import PhotoFactory, PhotoSessionFactory
from .conftest import actor
from .worlds import Pair, measured_pair, reference

pytestmark = pytest.mark.django_db


def _mark(**kw: Any) -> dict[str, Any]:
    return {"id": "m1", "kind": "recipient", "x": 500, "y": 700, "rx": 30, "ry": 50} | kw


# --- the photo as analysed ------------------------------------------------------------


def test_geometry_survives_its_json_form() -> None:
    from hipdip.vision import analyze
    from hipdip.vision.loading import load_photo

    ref = reference()
    result = analyze(load_photo(ref.jpeg), height_cm=183.17, view="front")
    assert result.geometry is not None
    assert Geometry.from_dict(result.geometry.to_dict()) == result.geometry


def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any run of the analysis or of the pose model fail the test."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the photo was analysed again")

    monkeypatch.setattr("hipdip.vision.analyze", refuse)
    monkeypatch.setattr("hipdip.vision.pipeline.analyze", refuse)
    monkeypatch.setattr("hipdip.vision.detection.default_detector", refuse)
    monkeypatch.setattr("hipdip.vision.pipeline.default_detector", refuse)


def test_a_measured_photo_is_read_from_its_stored_assessment_never_analysed(
    pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_model(monkeypatch)
    got = analysed_photo(pair.before_photo)
    assert got.size == got.rgb.shape[:2]
    assert got.assessment == pair.before_photo.assessment
    assert got.geometry == pair.before_photo.assessment.geometry


def test_the_assessment_carries_the_stored_numbers(pair: Pair) -> None:
    got = analysed_photo(pair.before_photo)
    assert got.assessment.sides is not None
    stored = pair.before_photo.assessment_data["sides"]
    assert got.assessment.sides["left"].depth_mm == stored["left"]["depth_mm"]
    assert got.assessment.sides["right"].depth_mm == stored["right"]["depth_mm"]


def test_a_stored_file_that_no_longer_matches_its_outline_is_refused(pair: Pair) -> None:
    photo = pair.before_photo
    data = dict(photo.assessment_data)
    data["geometry"] = {**data["geometry"], "image_size_hw": [10, 10]}
    photo.assessment_data = data
    with pytest.raises(Unprocessable) as exc:
        analysed_photo(photo)
    assert exc.value.code == "geometry_unavailable"


@pytest.mark.parametrize(
    ("status", "code"), [(Status.FAILED, "analysis_failed"), (Status.PENDING, "not_measured")]
)
def test_a_photo_without_a_measurement_is_refused_with_a_reason(
    world: World, status: str, code: str
) -> None:
    photo = world.own.failed if status == Status.FAILED else PhotoFactory(status=status)
    with pytest.raises(Unprocessable) as exc:
        analysed_photo(photo)
    assert exc.value.code == code
    assert exc.value.status_code == 422


def test_a_photo_stored_without_an_outline_is_refused_not_traced_again(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The factory's assessment has numbers only, like a row the migration could not trace.
    _no_model(monkeypatch)
    with pytest.raises(Unprocessable) as exc:
        analysed_photo(world.own.done)
    assert exc.value.code == "geometry_unavailable"


# --- saving markings ------------------------------------------------------------------


def test_the_first_save_creates_version_one_with_validated_marks(world: World, pair: Pair) -> None:
    saved = marking_set_save(
        actor=actor(world.surgeon), photo=pair.before_photo, marks=[_mark()], version=0
    )
    assert saved.version == 1
    assert saved.patient == pair.patient
    assert saved.marks == [
        {
            "id": "m1",
            "kind": "recipient",
            "x": 500.0,
            "y": 700.0,
            "rx": 30.0,
            "ry": 50.0,
            "label": "",
            "side": None,
            "label_at": "above",
        }
    ]
    event = AuditEvent.objects.get(action="markings.save")
    assert event.actor == world.surgeon and event.patient == pair.patient
    assert event.detail["version"] == 1 and event.detail["marks"] == 1


def test_a_save_based_on_an_old_version_is_refused_and_nothing_is_lost(
    world: World, pair: Pair
) -> None:
    surgeon = actor(world.surgeon)
    photo = pair.before_photo
    marking_set_save(actor=surgeon, photo=photo, marks=[_mark()], version=0)
    # Two people opened version 1; the first saves ...
    marking_set_save(actor=surgeon, photo=photo, marks=[_mark(x=510)], version=1)
    # ... the second's save, based on version 1, must not overwrite it.
    with pytest.raises(Conflict) as exc:
        marking_set_save(actor=surgeon, photo=photo, marks=[_mark(x=999)], version=1)
    assert exc.value.code == "stale_version"
    assert exc.value.details["current_version"] == 2
    assert "Dr Sid Surgeon" in exc.value.message
    stored = MarkingSet.objects.get(photo=photo)
    assert stored.version == 2 and stored.marks[0]["x"] == 510.0
    # Saving over it is a deliberate choice: name the current version.
    over = marking_set_save(actor=surgeon, photo=photo, marks=[_mark(x=999)], version=2)
    assert over.version == 3


def test_a_first_save_that_names_a_version_is_stale(world: World, pair: Pair) -> None:
    with pytest.raises(Conflict):
        marking_set_save(actor=actor(world.surgeon), photo=pair.before_photo, marks=[], version=4)


@pytest.mark.parametrize(
    ("marks", "message"),
    [
        ("not a list", "must be a list"),
        ([_mark(x=5000)], "outside the photo"),
        ([_mark(kind="tattoo")], "kind must be one of"),
        ([_mark(x="left")], "must be a number"),
        ([_mark(x=float("nan"))], "finite number"),
        ([_mark(rx=-3)], "radii"),
        ([_mark(side="middle")], "side must be"),
        (["a string"], "must be an object"),
        ([_mark(), _mark(x=10)], "used twice"),
        ([_mark(id=f"m{i}") for i in range(61)], "At most 60"),
    ],
)
def test_invalid_marks_are_refused_with_the_reason(
    world: World, pair: Pair, marks: Any, message: str
) -> None:
    with pytest.raises(Unprocessable) as exc:
        marking_set_save(
            actor=actor(world.surgeon), photo=pair.before_photo, marks=marks, version=0
        )
    assert exc.value.code == "invalid_marks"
    assert message in exc.value.message
    assert not MarkingSet.objects.exists()


@pytest.mark.parametrize("version", [-1, "1", None, True, 1.5])
def test_a_version_that_is_not_a_whole_number_is_refused(
    world: World, pair: Pair, version: Any
) -> None:
    with pytest.raises(Unprocessable):
        marking_set_save(
            actor=actor(world.surgeon), photo=pair.before_photo, marks=[], version=version
        )


@pytest.mark.parametrize("role", ["coordinator", "clinic_admin", "patient"])
def test_only_surgeons_change_markings_and_refusals_are_audited(
    world: World, pair: Pair, role: str
) -> None:
    with pytest.raises(PermissionDenied):
        marking_set_save(
            actor=actor(getattr(world, role)), photo=pair.before_photo, marks=[], version=0
        )
    assert not MarkingSet.objects.exists()
    event = AuditEvent.objects.get(action="markings.save")
    assert event.outcome == Outcome.DENIED and event.actor == getattr(world, role)


def test_markings_on_a_failed_photo_are_refused(world: World) -> None:
    with pytest.raises(Unprocessable) as exc:
        marking_set_save(actor=actor(world.surgeon), photo=world.own.failed, marks=[], version=0)
    assert exc.value.code == "analysis_failed"


# --- markings for a treatment plan ----------------------------------------------------


class _Plans:
    """A stand-in plan model: plans exist and belong to patients."""

    def __init__(self, owners: dict[uuid.UUID, Any]) -> None:
        self.owners = owners
        self._default_manager = self
        self.OWNER_PATH = "patient"

    def filter(self, pk: Any = None, **kw: Any) -> Any:
        owner = self.owners.get(pk)
        plan = None if owner is None else SimpleNamespace(owner_patient=lambda: owner)
        return SimpleNamespace(first=lambda: plan)


def test_plan_links_are_refused_before_plans_exist(
    world: World, pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plans, "plan_model", lambda: None)
    with pytest.raises(DomainError) as exc:
        marking_set_save(
            actor=actor(world.surgeon),
            photo=pair.before_photo,
            marks=[],
            version=0,
            plan_id=uuid.uuid4(),
        )
    assert exc.value.code == "plans_unavailable" and exc.value.status_code == 422


def test_marks_are_kept_per_plan_and_drawn_for_documents(
    world: World, pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan, foreign_plan = uuid.uuid4(), uuid.uuid4()
    monkeypatch.setattr(
        plans,
        "plan_model",
        lambda: _Plans({plan: pair.patient, foreign_plan: world.foreign.patient}),
    )
    surgeon = actor(world.surgeon)
    photo = pair.before_photo
    marking_set_save(actor=surgeon, photo=photo, marks=[_mark()], version=0)
    for_plan = marking_set_save(
        actor=surgeon, photo=photo, marks=[_mark(), _mark(id="m2", x=600)], version=0, plan_id=plan
    )
    assert for_plan.plan_id == plan and for_plan.version == 1
    assert MarkingSet.objects.filter(photo=photo).count() == 2

    with pytest.raises(DomainError) as exc:  # another patient's plan reads as unknown
        marking_set_save(actor=surgeon, photo=photo, marks=[], version=0, plan_id=foreign_plan)
    assert exc.value.code == "unknown_plan"

    images = marking_images_for_plan(plan)
    assert [i.view for i in images] == ["front"] and images[0].version == 1
    png = markings_png_for_plan(str(plan))
    assert png is not None and png.startswith(b"\x89PNG")
    drawn = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    plain = analysed_photo(photo).rgb
    assert drawn.shape == plain.shape
    assert np.any(drawn != plain)  # the marks are on it
    assert markings_png_for_plan(plan, view="back") is None
    # For the patient: the plan's marks, or else the photo's own saved marks.
    assert len(marking_images_for_patient(pair.patient, plan_id=plan)) == 1
    own = marking_images_for_patient(pair.patient, plan_id=uuid.uuid4())
    assert [i.version for i in own] == [1] and own[0].png != images[0].png
    close = markings_png_for_plan(plan, close_up=True)
    assert close is not None
    w, h = Image.open(io.BytesIO(close)).size
    assert w < drawn.shape[1] and h < 0.5 * drawn.shape[0]
    assert marking_images_for_plan("not-a-uuid") == []
    assert marking_images_for_plan(uuid.uuid4()) == []


# --- preview --------------------------------------------------------------------------


def test_a_close_up_preview_is_the_hips_with_the_simulation_banner(pair: Pair) -> None:
    got = analysed_photo(pair.before_photo)
    x0, y0, x1, y1 = hip_box(got.geometry)
    close = preview_picture(got, fill=0.0, region=Region.HIPS)
    assert close.shape == (y1 - y0, x1 - x0, 3)
    original = got.rgb[y0:y1, x0:x1]
    # At 0 % nothing is warped: only the banner and frame differ from the photo.
    changed = np.any(close != original, axis=2)
    assert changed[:10].mean() > 0.9  # the banner across the top
    assert not changed[40:-10, 10:-10].any()


def test_a_full_preview_changes_only_the_hip_region(pair: Pair) -> None:
    got = analysed_photo(pair.before_photo)
    filled = preview_picture(got, fill=1.0)
    plain = preview_picture(got, fill=0.0)
    diff = np.any(filled != plain, axis=2)
    _, y0, _, y1 = hip_box(got.geometry)
    assert diff[y0:y1].any()
    # Outside the hips only the banner's "filled N %" text differs.
    assert not diff[80:y0].any() and not diff[y1:].any()
    depths = simulated_depths(got, 0.25)
    assert depths["left"]["simulated_mm"] == round(0.75 * depths["left"]["measured_mm"], 1)


# --- before and after -----------------------------------------------------------------


def test_a_comparison_measures_the_change_per_side(pair: Pair) -> None:
    result = comparison_between(before=pair.before, after=pair.after, view="front")
    for side in ("left", "right"):
        change = result.comparison.sides[side]
        assert change.before_mm == pair.before_photo.assessment_data["sides"][side]["depth_mm"]
        assert change.after_mm == pair.after_photo.assessment_data["sides"][side]["depth_mm"]
        # The later photo is the earlier one with the dips half filled.
        assert change.change_pct is not None and -75 < change.change_pct < -25
    sheet = comparison_sheet(result)
    assert sheet.shape[1] > 2 * result.before.rgb.shape[1]


def test_conditions_that_differ_are_noted(world: World) -> None:
    moved = measured_pair(world.other.patient, after_kind="shifted")
    result = comparison_between(before=moved.before, after=moved.after, view="front")
    assert any("distance or zoom" in note for note in result.comparison.notes)


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("same", "same_session"),
        ("missing_view", "view_missing"),
        ("failed", "analysis_failed"),
        ("pending", "not_measured"),
    ],
)
def test_comparisons_that_cannot_be_made_say_why(pair: Pair, case: str, code: str) -> None:
    after, view = pair.after, "front"
    if case == "same":
        after = pair.before
    elif case == "missing_view":
        view = "back"
    else:
        after = PhotoSessionFactory(patient=pair.patient)
        PhotoFactory(session=after, view="front", status=case)
    with pytest.raises(Unprocessable) as exc:
        comparison_between(before=pair.before, after=after, view=view)
    assert exc.value.code == code


def test_photos_of_different_views_are_never_compared(pair: Pair) -> None:
    # Even if a stored view disagreed with its photo, the analysed views must match.
    Photo.objects.filter(pk=pair.after_photo.pk).update(
        assessment_data={**pair.after_photo.assessment_data, "view": "back"}
    )
    with pytest.raises(Unprocessable) as exc:
        comparison_between(before=pair.before, after=pair.after, view="front")
    assert exc.value.code == "views_differ"


def test_the_gallery_picture_is_cropped_below_the_shoulders(pair: Pair) -> None:
    result = comparison_between(before=pair.before, after=pair.after, view="front")
    geo = result.before.geometry
    _, top, _, bottom = torso_box(geo)
    shoulders = max(geo.body_points_xy["shoulder_left"][1], geo.body_points_xy["shoulder_right"][1])
    head_top = geo.stature_rows[0]
    assert top > shoulders > head_top
    assert bottom >= geo.level_rows["midthigh"] and bottom < geo.body_points_xy["knee_left"][1]
    gallery = gallery_sheet(result)
    full = comparison_sheet(result)
    assert gallery.shape[0] < 0.6 * full.shape[0]


# --- gallery consent ------------------------------------------------------------------


def test_staff_record_consent_once_per_scope_and_anyone_allowed_withdraws(
    world: World,
) -> None:
    patient = world.own.patient
    consent = gallery_consent_record(
        actor=actor(world.coordinator), patient=patient, scope="public", note="Form 12, cabinet B"
    )
    assert consent.is_active and consent.recorded_by == world.coordinator
    with pytest.raises(Conflict):
        gallery_consent_record(actor=actor(world.surgeon), patient=patient, scope="public")
    gallery_consent_record(actor=actor(world.surgeon), patient=patient, scope="clinic")
    assert len(active_gallery_consents(patient)) == 2

    withdrawn = gallery_consent_revoke(actor=actor(world.patient), consent=consent)
    assert withdrawn.revoked_at is not None and withdrawn.revoked_by == world.patient
    with pytest.raises(Conflict):
        gallery_consent_revoke(actor=actor(world.surgeon), consent=consent)
    assert [c.scope for c in active_gallery_consents(patient)] == ["clinic"]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"gallery_consent.record", "gallery_consent.revoke"} <= actions
    # Withdrawn consents stay on record, and the same scope can be agreed again.
    again = gallery_consent_record(actor=actor(world.coordinator), patient=patient, scope="public")
    assert again.pk != consent.pk and GalleryConsent.objects.count() == 3


def test_patients_cannot_record_consent_for_themselves(world: World) -> None:
    with pytest.raises(PermissionDenied):
        gallery_consent_record(
            actor=actor(world.patient), patient=world.own.patient, scope="public"
        )
    assert AuditEvent.objects.get(action="gallery_consent.record").outcome == Outcome.DENIED


def test_an_unknown_scope_is_refused(world: World) -> None:
    with pytest.raises(DomainError) as exc:
        gallery_consent_record(
            actor=actor(world.coordinator), patient=world.own.patient, scope="billboard"
        )
    assert exc.value.details == {"scope": ["Choose a valid scope."]}


def test_a_gallery_export_needs_staff_and_an_active_consent(world: World, pair: Pair) -> None:
    args = {
        "patient": pair.patient,
        "before": pair.before,
        "after": pair.after,
        "view": "front",
        "which": "gallery",
        "region": Region.FULL,
    }
    with pytest.raises(ConsentMissing):
        comparison_export(actor=actor(world.coordinator), **args)
    consent = gallery_consent_record(
        actor=actor(world.coordinator), patient=pair.patient, scope="public"
    )
    data, kind, name = comparison_export(actor=actor(world.coordinator), **args)
    assert kind == "png" and data.startswith(b"\x89PNG") and name and name.startswith("gallery-")
    event = AuditEvent.objects.get(action="compare.gallery_export")
    assert event.detail["consents"] == "public"
    with pytest.raises(PermissionDenied):
        comparison_export(actor=actor(world.patient), **args)
    gallery_consent_revoke(actor=actor(world.patient), consent=consent)
    with pytest.raises(ConsentMissing):
        comparison_export(actor=actor(world.coordinator), **args)
