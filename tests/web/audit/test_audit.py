"""The audit trail: every read and change of patient data, visible to clinic admins only."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from hipdip.web.audit.models import AuditEvent, Outcome

from ..conftest import World

pytestmark = pytest.mark.django_db


def _actions(**filters: Any) -> list[str]:
    return list(AuditEvent.objects.filter(**filters).values_list("action", flat=True))


def test_each_read_of_patient_data_leaves_an_event_with_who_what_when_where(
    world: World, web_client: Callable[..., Client], api_client: Callable[..., Client]
) -> None:
    web = web_client(world.surgeon)
    web.get(f"/patients/{world.own.patient.pk}/", REMOTE_ADDR="192.0.2.10")
    web.get(f"/sessions/{world.own.session.pk}/", REMOTE_ADDR="192.0.2.10")
    b"".join(web.get(f"/photos/{world.own.done.pk}/image/").streaming_content)
    b"".join(web.get(f"/photos/{world.own.done.pk}/overlay/").streaming_content)
    api = api_client(world.surgeon)
    api.get(f"/api/photos/{world.own.done.pk}")
    api.get(f"/api/patients/{world.own.patient.pk}/photos")
    events = AuditEvent.objects.filter(actor=world.surgeon, patient=world.own.patient)
    assert sorted(e.action for e in events) == sorted(
        [
            "patient.view",
            "photo_session.view",
            "photo.image.view",
            "photo.overlay.view",
            "photo.view",
            "patient.photos.list",
        ]
    )
    first = events.get(action="patient.view")
    assert first.ip == "192.0.2.10" and first.channel == "web" and first.at is not None
    assert first.actor_email == world.surgeon.email and first.actor_role == "surgeon"
    assert first.clinic == world.own.patient.clinic


def test_events_hold_no_health_details(
    world: World,
    api_client: Callable[..., Client],
    fake_analysis: list[str],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from ..conftest import jpeg_bytes

    file = io.BytesIO(jpeg_bytes())
    file.name = "front.jpg"
    with django_capture_on_commit_callbacks(execute=True):
        api_client(world.patient).post(
            f"/api/patients/{world.own.patient.pk}/photos",
            {
                "file": file,
                "view": "front",
                "height_cm": "171.3",
                "weight_kg": "77.7",
                "purpose": "consultation",
            },
        )
    for event in AuditEvent.objects.all():
        text = repr(event.detail)
        for secret in ("171.3", "77.7", "depth", "7.4", "sides", "grade"):
            assert secret not in text, (event.action, text)


def test_polling_a_running_analysis_is_not_logged_until_results_show(
    world: World, web_client: Callable[..., Client]
) -> None:
    from hipdip.web.assessments.models import Status

    from ..factories import PhotoFactory

    photo = PhotoFactory(session__patient=world.own.patient, status=Status.PENDING)
    client = web_client(world.patient)
    for _ in range(3):
        client.get(f"/sessions/{photo.session_id}/status/")
    assert _actions(action="photo_session.view", object_id=str(photo.session_id)) == []


def test_sign_ins_and_failures_are_logged(world: World) -> None:
    from ..factories import PASSWORD

    Client().post("/accounts/login/", {"username": world.coordinator.email, "password": "bad"})
    Client().post("/accounts/login/", {"username": world.coordinator.email, "password": PASSWORD})
    outcomes = list(
        AuditEvent.objects.filter(action="auth.login")
        .order_by("id")
        .values_list("outcome", flat=True)
    )
    assert outcomes == [Outcome.FAILED, Outcome.OK]


def test_the_django_admin_is_scoped_to_the_clinic_and_audited(
    world: World, web_client: Callable[..., Client]
) -> None:
    admin = web_client(world.clinic_admin)
    listing = admin.get("/admin/patients/patient/")
    assert listing.status_code == 200
    assert world.patient.email.encode() in listing.content
    assert world.foreign.patient.user.email.encode() not in listing.content
    own = admin.get(f"/admin/patients/patient/{world.own.patient.pk}/change/")
    assert own.status_code == 200
    assert "patient.view" in _actions(actor=world.clinic_admin, channel="admin")
    foreign = admin.get(f"/admin/patients/patient/{world.foreign.patient.pk}/change/")
    assert foreign.status_code == 302  # "does not exist" for this admin
    assert admin.get("/admin/audit/auditevent/").status_code == 200
    assert web_client(world.coordinator).get("/admin/").status_code == 302


def test_an_event_names_the_actors_role_in_words() -> None:
    assert AuditEvent(actor_role="surgeon").actor_role_label == "Surgeon"
    assert AuditEvent(actor_role="clinic_admin").actor_role_label == "Clinic admin"
    assert AuditEvent(actor_role="retired").actor_role_label == "retired"
