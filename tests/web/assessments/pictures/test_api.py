"""The imaging API: markings as data, previews, comparisons, gallery consent; bad input."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from PIL import Image

from hipdip.web.assessments.models import GalleryConsent, MarkingSet

from ...conftest import World
from ...factories import PhotoFactory, PhotoSessionFactory
from .worlds import Pair

pytestmark = pytest.mark.django_db


def _put(client: Any, photo_id: Any, body: Any) -> Any:
    data = body if isinstance(body, str) else json.dumps(body)
    return client.put(f"/api/photos/{photo_id}/markings", data, content_type="application/json")


def _error(response: Any) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}, body
    return body["error"]  # type: ignore[no-any-return]


def _image(response: Any) -> Image.Image:
    assert response["Cache-Control"].startswith("private, no-store")
    return Image.open(io.BytesIO(b"".join([response.content])))


# --- markings -------------------------------------------------------------------------


def test_a_surgeon_loads_suggestions_saves_and_reloads_marks(
    world: World, pair: Pair, api_client: Any
) -> None:
    client = api_client(world.surgeon)
    url = f"/api/photos/{pair.before_photo.pk}/markings"
    first = client.get(url).json()
    assert first["saved"] is False and first["version"] == 0 and first["marks"] == []
    assert first["can_edit"] is True
    kinds = {m["kind"] for m in first["suggested"]}
    assert kinds == {"recipient", "donor", "incision"}
    assert first["image"]["width"] == pair.before_photo.width_px
    assert first["image"]["url"] == f"/api/photos/{pair.before_photo.pk}/image"

    moved = [dict(m, x=m["x"] + 12) for m in first["suggested"]]
    saved = _put(client, pair.before_photo.pk, {"version": 0, "marks": moved})
    assert saved.status_code == 200, saved.content
    assert saved.json()["version"] == 1 and saved.json()["updated_by"] == "Dr Sid Surgeon"

    again = client.get(url).json()
    assert again["saved"] is True and again["version"] == 1
    assert [m["x"] for m in again["marks"]] == [m["x"] for m in moved]

    png = client.get(f"{url}/image")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert _image(png).size == (first["image"]["width"], first["image"]["height"])


def test_a_stale_save_answers_409_with_the_current_version(
    world: World, pair: Pair, api_client: Any
) -> None:
    client = api_client(world.surgeon)
    body = {"version": 0, "marks": [{"id": "a", "kind": "incision", "x": 10, "y": 10}]}
    assert _put(client, pair.before_photo.pk, body).status_code == 200
    stale = _put(client, pair.before_photo.pk, body)
    assert stale.status_code == 409
    error = _error(stale)
    assert error["code"] == "stale_version" and error["details"]["current_version"] == 1
    assert MarkingSet.objects.get().version == 1


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ("{not json", 400, "bad_request"),
        ({"marks": []}, 422, "validation_error"),
        ({"version": -1, "marks": []}, 422, "validation_error"),
        ({"version": 0, "marks": "x"}, 422, "validation_error"),
        ({"version": 0, "marks": [1, 2]}, 422, "validation_error"),
        ({"version": 0, "marks": [{"kind": "donor", "x": -5, "y": 3}]}, 422, "invalid_marks"),
        ({"version": 0, "marks": [{"kind": "x", "x": 5, "y": 3}]}, 422, "invalid_marks"),
        ({"version": 0, "marks": [], "plan_id": "nope"}, 422, "validation_error"),
    ],
)
def test_bad_markings_bodies_get_the_error_shape(
    world: World, pair: Pair, api_client: Any, body: Any, status: int, code: str
) -> None:
    response = _put(api_client(world.surgeon), pair.before_photo.pk, body)
    assert response.status_code == status, response.content
    assert _error(response)["code"] == code
    assert not MarkingSet.objects.exists()


def test_invalid_marks_name_the_mark(world: World, pair: Pair, api_client: Any) -> None:
    marks = [
        {"id": "ok", "kind": "donor", "x": 5, "y": 3},
        {"id": "bad", "kind": "donor", "x": 5, "y": 99999},
    ]
    error = _error(
        _put(api_client(world.surgeon), pair.before_photo.pk, {"version": 0, "marks": marks})
    )
    assert error["details"] == [{"index": 1, "message": "the mark lies outside the photo"}]


@pytest.mark.parametrize("role", ["coordinator", "clinic_admin", "patient"])
def test_only_surgeons_may_put_markings(
    world: World, pair: Pair, api_client: Any, role: str
) -> None:
    response = _put(
        api_client(getattr(world, role)), pair.before_photo.pk, {"version": 0, "marks": []}
    )
    assert response.status_code == 403
    assert _error(response)["message"] == "Only surgeons can change markings."


def test_patients_see_saved_marks_but_not_suggestions(
    world: World, pair: Pair, api_client: Any
) -> None:
    client = api_client(world.patient)
    url = f"/api/photos/{pair.before_photo.pk}/markings"
    body = client.get(url).json()
    assert body["suggested"] == [] and body["can_edit"] is False
    assert client.get(f"{url}/image").status_code == 404  # nothing saved yet
    assert client.get(f"{url}/image?source=suggested").status_code == 403


def test_markings_of_an_unmeasured_photo_are_422(world: World, api_client: Any) -> None:
    response = api_client(world.surgeon).get(f"/api/photos/{world.own.failed.pk}/markings")
    assert response.status_code == 422
    assert _error(response)["code"] == "analysis_failed"


def test_markings_for_an_unknown_plan_are_refused(
    world: World, pair: Pair, api_client: Any
) -> None:
    response = api_client(world.surgeon).get(
        f"/api/photos/{pair.before_photo.pk}/markings?plan_id=7d0c6a53-1f47-4b4e-9f19-1c1b2f9f9a11"
    )
    assert response.status_code == 422
    assert _error(response)["code"] in {"unknown_plan", "plans_unavailable"}


# --- preview --------------------------------------------------------------------------


def test_a_preview_is_a_labelled_png_that_is_never_cached(
    world: World, pair: Pair, api_client: Any
) -> None:
    client = api_client(world.patient)
    url = f"/api/photos/{pair.before_photo.pk}/preview"
    full = client.get(f"{url}?fill=0.5")
    assert full.status_code == 200 and full["Content-Type"] == "image/png"
    assert _image(full).size == (pair.before_photo.width_px, pair.before_photo.height_px)
    close = client.get(f"{url}?fill=1&region=hips&format=jpeg")
    assert close["Content-Type"] == "image/jpeg"
    assert _image(close).size[0] < pair.before_photo.width_px


@pytest.mark.parametrize(
    "query", ["fill=1.5", "fill=-0.1", "fill=abc", "fill=nan", "region=face", "format=gif"]
)
def test_bad_preview_parameters_are_422(
    world: World, pair: Pair, api_client: Any, query: str
) -> None:
    response = api_client(world.surgeon).get(f"/api/photos/{pair.before_photo.pk}/preview?{query}")
    assert response.status_code == 422
    assert _error(response)["code"] == "validation_error"


def test_previews_of_failed_or_hidden_photos_are_refused(world: World, api_client: Any) -> None:
    client = api_client(world.surgeon)
    failed = client.get(f"/api/photos/{world.own.failed.pk}/preview")
    assert failed.status_code == 422 and _error(failed)["code"] == "analysis_failed"
    hidden = client.get(f"/api/photos/{world.foreign.done.pk}/preview")
    assert hidden.status_code == 404 and _error(hidden)["code"] == "not_found"


# --- comparison -----------------------------------------------------------------------


def test_a_comparison_reports_the_change_and_the_pictures(
    world: World, pair: Pair, api_client: Any
) -> None:
    client = api_client(world.coordinator)
    url = f"/api/patients/{pair.patient.pk}/compare?before={pair.before.pk}&after={pair.after.pk}"
    body = client.get(url).json()
    assert body["view"] == "front"
    assert body["before"]["session_id"] == str(pair.before.pk)
    assert body["after"]["purpose_label"] == "After surgery, week 12"
    left = body["sides"]["left"]
    assert left["before_mm"] == pair.before_photo.left_depth_mm
    assert left["after_mm"] == pair.after_photo.left_depth_mm
    assert left["change_mm"] == pytest.approx(left["after_mm"] - left["before_mm"], abs=0.11)
    assert left["change_pct"] < 0
    assert body["notes"] == []
    assert body["gallery_allowed"] is False and body["images"]["gallery"] is None

    sheet = client.get(body["images"]["sheet"])
    assert sheet.status_code == 200 and sheet["Content-Type"] == "image/png"
    assert sheet["Content-Disposition"].startswith('attachment; filename="before-after-')
    after = client.get(body["images"]["after"])
    assert after["Content-Type"] == "image/jpeg"
    assert _image(after).size == (pair.before_photo.width_px, pair.before_photo.height_px)


def test_a_gallery_export_needs_recorded_consent(world: World, pair: Pair, api_client: Any) -> None:
    client = api_client(world.coordinator)
    query = f"before={pair.before.pk}&after={pair.after.pk}&view=front"
    base = f"/api/patients/{pair.patient.pk}/compare"
    refused = client.get(f"{base}/image?{query}&kind=gallery")
    assert refused.status_code == 403 and _error(refused)["code"] == "no_gallery_consent"

    recorded = client.post(
        f"/api/patients/{pair.patient.pk}/gallery-consents",
        {"scope": "public", "note": "signed form in file"},
        content_type="application/json",
    )
    assert recorded.status_code == 201 and recorded.json()["active"] is True
    body = client.get(f"{base}?{query}").json()
    assert body["gallery_allowed"] is True
    gallery = client.get(body["images"]["gallery"])
    assert gallery.status_code == 200 and gallery["Content-Type"] == "image/png"
    sheet = _image(client.get(body["images"]["sheet"]))
    assert _image(gallery).size[1] < 0.6 * sheet.size[1]  # cropped to the torso

    # The patient sees the comparison but makes no gallery pictures.
    patient = api_client(world.patient)
    assert patient.get(f"{base}?{query}").json()["gallery_allowed"] is False
    assert patient.get(f"{base}/image?{query}&kind=gallery").status_code == 403


@pytest.mark.parametrize(
    ("case", "status", "code"),
    [
        ("same", 422, "same_session"),
        ("back", 422, "view_missing"),
        ("failed", 422, "analysis_failed"),
        ("foreign", 404, "not_found"),
        ("other_patient", 404, "not_found"),
        ("bad_uuid", 422, "validation_error"),
        ("missing", 422, "validation_error"),
        ("bad_view", 422, "validation_error"),
    ],
)
def test_comparisons_that_cannot_be_made_get_the_error_shape(
    world: World, pair: Pair, api_client: Any, case: str, status: int, code: str
) -> None:
    before, after, view = str(pair.before.pk), str(pair.after.pk), "front"
    if case == "same":
        after = before
    elif case == "back":
        view = "back"
    elif case == "failed":
        after = str(world.own.session.pk)  # its front photo is the factory's: not traceable
        failed = PhotoSessionFactory(patient=pair.patient)
        PhotoFactory(session=failed, view="front", status="failed")
        after = str(failed.pk)
    elif case == "foreign":
        after = str(world.foreign.session.pk)
    elif case == "other_patient":
        after = str(world.other.session.pk)
    elif case == "bad_uuid":
        after = "12345"
    elif case == "bad_view":
        view = "side"
    query = f"before={before}&view={view}" + ("" if case == "missing" else f"&after={after}")
    response = api_client(world.surgeon).get(f"/api/patients/{pair.patient.pk}/compare?{query}")
    assert response.status_code == status, response.content
    assert _error(response)["code"] == code


# --- gallery consent ------------------------------------------------------------------


def test_consents_are_listed_recorded_and_withdrawn(world: World, api_client: Any) -> None:
    staff = api_client(world.surgeon)
    base = f"/api/patients/{world.own.patient.pk}/gallery-consents"
    created = staff.post(base, {"scope": "clinic"}, content_type="application/json").json()
    twice = staff.post(base, {"scope": "clinic"}, content_type="application/json")
    assert twice.status_code == 409 and _error(twice)["code"] == "consent_exists"
    bad = staff.post(base, {"scope": "everywhere"}, content_type="application/json")
    assert bad.status_code == 422

    patient = api_client(world.patient)
    assert [c["scope"] for c in patient.get(base).json()] == ["clinic"]
    own_record = patient.post(base, {"scope": "public"}, content_type="application/json")
    assert own_record.status_code == 403
    withdrawn = patient.post(f"/api/gallery-consents/{created['id']}/withdraw")
    assert withdrawn.status_code == 200 and withdrawn.json()["active"] is False
    again = patient.post(f"/api/gallery-consents/{created['id']}/withdraw")
    assert again.status_code == 409
    hidden = api_client(world.other_patient).post(f"/api/gallery-consents/{created['id']}/withdraw")
    assert hidden.status_code == 404
    assert GalleryConsent.objects.get().revoked_by == world.patient
