"""The imaging pages: editor, read-only markings, preview, comparison, consent; bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from hipdip.web.assessments.models import GalleryConsent, MarkingSet
from hipdip.web.audit.models import AuditEvent

from ...conftest import World
from .worlds import Pair

pytestmark = pytest.mark.django_db


def _editor_data(response: Any) -> dict[str, Any]:
    html = response.content.decode()
    start = html.index('<script id="marking-data" type="application/json">') + len(
        '<script id="marking-data" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])  # type: ignore[no-any-return]


def _csrf_client(user: Any) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    page = client.get("/accounts/account/")
    assert page.status_code == 200
    return client, client.cookies["csrftoken"].value


# --- markings -------------------------------------------------------------------------


def test_the_surgeon_gets_the_editor_with_suggestions_to_start_from(
    world: World, pair: Pair, web_client: Any
) -> None:
    response = web_client(world.surgeon).get(f"/photos/{pair.before_photo.pk}/markings/")
    assert response.status_code == 200
    data = _editor_data(response)
    assert data["can_edit"] is True and data["initial_source"] == "suggested"
    assert data["initial"] == data["suggested"] and len(data["initial"]) >= 7
    assert data["save_url"] == f"/photos/{pair.before_photo.pk}/markings/save/"
    assert set(data["zoom_boxes"]) == {"hips", "left", "right"}
    for x0, y0, x1, y1 in data["zoom_boxes"].values():
        assert 0 <= x0 < x1 <= data["image"]["width"] and 0 <= y0 < y1 <= data["image"]["height"]
    # In a front view the patient's left is on the right of the picture.
    assert data["zoom_boxes"]["left"][0] > data["zoom_boxes"]["right"][0]
    assert AuditEvent.objects.filter(action="markings.view", actor=world.surgeon).exists()


def test_the_editor_saves_with_csrf_and_refuses_a_stale_version(world: World, pair: Pair) -> None:
    client, token = _csrf_client(world.surgeon)
    url = f"/photos/{pair.before_photo.pk}/markings/save/"
    body = json.dumps(
        {
            "version": 0,
            "marks": [{"id": "a", "kind": "donor", "x": 300, "y": 600, "rx": 40, "ry": 60}],
        }
    )
    no_token = client.post(url, body, content_type="application/json")
    assert no_token.status_code == 403
    saved = client.post(url, body, content_type="application/json", headers={"X-CSRFToken": token})
    assert saved.status_code == 200 and saved.json()["version"] == 1
    stale = client.post(url, body, content_type="application/json", headers={"X-CSRFToken": token})
    assert stale.status_code == 409
    assert stale.json()["error"]["details"]["current_version"] == 1
    broken = client.post(url, "{", content_type="application/json", headers={"X-CSRFToken": token})
    assert broken.status_code == 400 and broken.json()["error"]["code"] == "bad_request"
    bad = client.post(
        url,
        json.dumps({"version": 1, "marks": [{"kind": "donor", "x": 1e9, "y": 1}]}),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_marks"

    # Reloading the editor opens the saved marks.
    data = _editor_data(client.get(f"/photos/{pair.before_photo.pk}/markings/"))
    assert data["initial_source"] == "saved" and data["version"] == 1
    assert data["initial"][0]["x"] == 300.0


def test_a_coordinator_cannot_save_through_the_editor_endpoint(world: World, pair: Pair) -> None:
    client, token = _csrf_client(world.coordinator)
    response = client.post(
        f"/photos/{pair.before_photo.pk}/markings/save/",
        json.dumps({"version": 0, "marks": []}),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Only surgeons can change markings."
    assert not MarkingSet.objects.exists()


def test_staff_who_cannot_edit_see_the_suggestions_marked_as_such(
    world: World, pair: Pair, web_client: Any
) -> None:
    client = web_client(world.coordinator)
    html = client.get(f"/photos/{pair.before_photo.pk}/markings/").content.decode()
    assert "marking-data" not in html  # no editor
    assert "A surgeon has not reviewed" in html
    png = client.get(f"/photos/{pair.before_photo.pk}/markings.png")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert png["Cache-Control"] == "private, no-store, max-age=0"


def test_patients_see_only_saved_markings(world: World, pair: Pair, web_client: Any) -> None:
    client = web_client(world.patient)
    url = f"/photos/{pair.before_photo.pk}/markings"
    assert "No markings yet" in client.get(f"{url}/").content.decode()
    assert client.get(f"{url}.png").status_code == 404
    MarkingSet.objects.create(
        patient=pair.patient,
        photo=pair.before_photo,
        marks=[
            {
                "id": "a",
                "kind": "incision",
                "x": 10.0,
                "y": 10.0,
                "rx": 0.0,
                "ry": 0.0,
                "label": "entry",
                "side": None,
                "label_at": "above",
            }
        ],
        updated_by=world.surgeon,
    )
    html = client.get(f"{url}/").content.decode()
    assert "by Dr Sid Surgeon" in html and "marking-data" not in html
    download = client.get(f"{url}.png?download=1")
    assert download["Content-Disposition"].startswith('attachment; filename="markings-front-')


def test_a_failed_photo_has_nothing_to_mark(world: World, web_client: Any) -> None:
    response = web_client(world.surgeon).get(f"/photos/{world.own.failed.pk}/markings/")
    assert response.status_code == 200
    assert "There is nothing to mark on this photo" in response.content.decode()
    image = web_client(world.surgeon).get(f"/photos/{world.own.failed.pk}/markings.png")
    assert image.status_code == 422


def test_a_foreign_plan_in_the_address_is_not_found(
    world: World, pair: Pair, web_client: Any
) -> None:
    response = web_client(world.surgeon).get(
        f"/photos/{pair.before_photo.pk}/markings/?plan=0b8c1d9e-3f5e-4f43-9c55-2d8c1b7e0a44"
    )
    assert response.status_code == 404


# --- preview --------------------------------------------------------------------------


def test_the_preview_page_shows_the_simulation_and_the_depths(
    world: World, pair: Pair, web_client: Any
) -> None:
    client = web_client(world.patient)
    response = client.get(f"/photos/{pair.before_photo.pk}/preview/?fill=0.4&region=full")
    html = response.content.decode()
    assert response.status_code == 200
    assert "not a photograph and not a promise" in html
    assert f"/photos/{pair.before_photo.pk}/preview.jpg?fill=0.4&amp;region=full" in html
    left = pair.before_photo.left_depth_mm
    assert f"{round(0.6 * left, 1):.1f}" in html
    image = client.get(f"/photos/{pair.before_photo.pk}/preview.jpg?fill=0.4&region=hips")
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert image["Cache-Control"] == "private, no-store, max-age=0"
    event = AuditEvent.objects.get(action="preview.image.view")
    assert event.detail == {"fill": 0.4, "region": "hips"}


@pytest.mark.parametrize("query", ["fill=2", "fill=x", "fill=-1", "region=feet", "fill=inf"])
def test_bad_preview_input_never_breaks_the_page(
    world: World, pair: Pair, web_client: Any, query: str
) -> None:
    client = web_client(world.surgeon)
    page = client.get(f"/photos/{pair.before_photo.pk}/preview/?{query}")
    assert page.status_code == 200
    assert "the preview shows 50 %" in page.content.decode()
    image = client.get(f"/photos/{pair.before_photo.pk}/preview.jpg?{query}")
    assert image.status_code == 400


def test_the_preview_of_a_failed_photo_says_why(world: World, web_client: Any) -> None:
    client = web_client(world.surgeon)
    page = client.get(f"/photos/{world.own.failed.pk}/preview/")
    assert page.status_code == 200 and "No preview for this photo" in page.content.decode()
    assert client.get(f"/photos/{world.own.failed.pk}/preview.jpg").status_code == 422


# --- comparison -----------------------------------------------------------------------


def test_the_comparison_page_defaults_to_the_first_and_last_sessions(
    world: World, pair: Pair, web_client: Any
) -> None:
    client = web_client(world.surgeon)
    html = client.get(f"/patients/{pair.patient.pk}/compare/").content.decode()
    assert "Left side, dip depth" in html
    before, after = pair.before_photo.left_depth_mm, pair.after_photo.left_depth_mm
    assert f"{before:.1f} mm on" in html and f"{after:.1f} mm on" in html
    assert f"before={pair.before.pk}" in html and f"after={pair.after.pk}" in html
    assert "Record consent" in html  # no consent yet
    event = AuditEvent.objects.get(action="compare.view")
    assert event.detail["before"] == str(pair.before.pk)

    query = f"before={pair.before.pk}&after={pair.after.pk}&view=front"
    sheet = client.get(f"/patients/{pair.patient.pk}/compare/image?{query}&which=sheet")
    assert sheet.status_code == 200 and sheet["Content-Type"] == "image/png"
    aligned = client.get(
        f"/patients/{pair.patient.pk}/compare/image?{query}&which=after&region=hips"
    )
    assert aligned["Content-Type"] == "image/jpeg"
    assert (
        client.get(f"/patients/{pair.patient.pk}/compare/image?{query}&which=gallery").status_code
        == 403
    )


def test_the_comparison_page_explains_what_cannot_be_compared(
    world: World, pair: Pair, web_client: Any
) -> None:
    client = web_client(world.surgeon)
    url = f"/patients/{pair.patient.pk}/compare/"
    same = client.get(f"{url}?before={pair.before.pk}&after={pair.before.pk}")
    assert same.status_code == 200 and "Choose two different sessions" in same.content.decode()
    back = client.get(f"{url}?before={pair.before.pk}&after={pair.after.pk}&view=back")
    assert "has no back photo" in back.content.decode()
    junk = client.get(f"{url}?before=junk&view=sideways")
    assert junk.status_code == 200 and "were not valid" in junk.content.decode()
    foreign = client.get(f"{url}?before={pair.before.pk}&after={world.foreign.session.pk}")
    assert foreign.status_code == 404
    image = client.get(f"/patients/{pair.patient.pk}/compare/image?before=x")
    assert image.status_code == 400


def test_a_patient_with_one_session_is_told_what_a_comparison_needs(
    world: World, web_client: Any
) -> None:
    html = web_client(world.patient).get(f"/patients/{world.own.patient.pk}/compare/").content
    assert b"A comparison needs two measured sessions" in html


def test_the_gallery_export_appears_with_consent_for_staff_only(
    world: World, pair: Pair, web_client: Any
) -> None:
    GalleryConsent.objects.create(patient=pair.patient, scope="public", recorded_by=world.surgeon)
    url = f"/patients/{pair.patient.pk}/compare/"
    staff = web_client(world.coordinator).get(url).content.decode()
    assert "Export for the gallery" in staff and "public (the clinic" in staff
    own = web_client(world.patient).get(url).content.decode()
    assert "For the gallery" not in own and "Download PNG" in own


# --- consent page ---------------------------------------------------------------------


def test_staff_record_consent_on_the_page_and_the_patient_withdraws_it(
    world: World, web_client: Any
) -> None:
    url = f"/patients/{world.own.patient.pk}/gallery-consent/"
    staff = web_client(world.coordinator)
    missing = staff.post(url, {"scope": "public"})
    assert missing.status_code == 200 and "Confirm that the signed form" in missing.content.decode()
    done = staff.post(url, {"scope": "public", "note": "Form 7", "confirmed": "on"})
    assert done.status_code == 302
    consent = GalleryConsent.objects.get()
    assert consent.recorded_by == world.coordinator and consent.note == "Form 7"
    twice = staff.post(url, {"scope": "public", "confirmed": "on"})
    assert "already recorded" in twice.content.decode()

    patient = web_client(world.patient)
    page = patient.get(url).content.decode()
    assert "Record a signed consent" not in page and "Withdraw" in page
    assert patient.post(url, {"scope": "clinic", "confirmed": "on"}).status_code == 403
    assert (
        web_client(world.other_patient)
        .post(f"/gallery-consents/{consent.pk}/withdraw/")
        .status_code
        == 404
    )
    assert patient.post(f"/gallery-consents/{consent.pk}/withdraw/").status_code == 302
    consent.refresh_from_db()
    assert consent.revoked_by == world.patient


def test_pages_need_a_sign_in(pair: Pair) -> None:
    client = Client()
    for url in (
        f"/photos/{pair.before_photo.pk}/markings/",
        f"/photos/{pair.before_photo.pk}/preview.jpg?fill=0.5",
        f"/patients/{pair.patient.pk}/compare/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# --- the overlay on a phone --------------------------------------------------------------


def test_the_phone_overlay_is_a_narrow_jpeg_drawn_without_running_the_model(
    world: World, pair: Pair, web_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from PIL import Image

    def model_run(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the pose model ran again")

    monkeypatch.setattr("hipdip.vision.analyze", model_run)
    monkeypatch.setattr("hipdip.vision.pipeline.analyze", model_run)
    response = web_client(world.patient).get(f"/photos/{pair.before_photo.pk}/overlay/phone.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    with Image.open(io.BytesIO(response.content)) as img:
        assert img.size[0] == 720 and img.size[1] > img.size[0]
    assert AuditEvent.objects.filter(
        action="photo.overlay.view", object_id=str(pair.before_photo.pk)
    )


def test_the_session_page_offers_the_phone_overlay_on_narrow_screens(
    world: World, pair: Pair, web_client: Any
) -> None:
    page = web_client(world.patient).get(f"/sessions/{pair.before.pk}/").content.decode()
    assert '<source media="(max-width: 640px)"' in page
    assert f"/photos/{pair.before_photo.pk}/overlay/phone.jpg" in page


def test_a_failed_photo_has_no_phone_overlay(world: World, web_client: Any) -> None:
    response = web_client(world.patient).get(f"/photos/{world.own.failed.pk}/overlay/phone.jpg")
    assert response.status_code == 422
