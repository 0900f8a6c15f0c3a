"""API: patient records and /api/me."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from hipdip.web.audit.models import AuditEvent

from ..conftest import World

pytestmark = pytest.mark.django_db


def test_staff_list_their_clinics_patients_with_id_and_email(
    world: World, api_client: Callable[..., Client]
) -> None:
    body = api_client(world.coordinator).get("/api/patients").json()
    assert body["count"] == 2
    rows = {r["email"]: r for r in body["items"]}
    assert set(rows) == {world.patient.email, world.other_patient.email}
    assert rows[world.patient.email]["id"] == str(world.own.patient.pk)
    assert rows[world.patient.email]["session_count"] == 1


def test_patient_search_matches_name_or_email(
    world: World, api_client: Callable[..., Client]
) -> None:
    client = api_client(world.surgeon)
    by_name = client.get("/api/patients", {"search": "oscar"}).json()
    assert [r["email"] for r in by_name["items"]] == [world.other_patient.email]
    by_email = client.get("/api/patients", {"search": world.patient.email.upper()}).json()
    assert [r["id"] for r in by_email["items"]] == [str(world.own.patient.pk)]
    # A patient of another clinic is never found, whatever the search.
    assert client.get("/api/patients", {"search": "Fiona"}).json()["count"] == 0


def test_the_list_is_paginated(world: World, api_client: Callable[..., Client]) -> None:
    body = api_client(world.coordinator).get("/api/patients", {"limit": 1, "offset": 1}).json()
    assert body["count"] == 2 and len(body["items"]) == 1


def test_a_patient_lists_only_themselves(world: World, api_client: Callable[..., Client]) -> None:
    body = api_client(world.patient).get("/api/patients").json()
    assert [r["id"] for r in body["items"]] == [str(world.own.patient.pk)]


def test_reading_a_patient_is_audited(world: World, api_client: Callable[..., Client]) -> None:
    client = api_client(world.coordinator)
    response = client.get(f"/api/patients/{world.own.patient.pk}", REMOTE_ADDR="192.0.2.44")
    assert response.status_code == 200
    assert response.json()["email"] == world.patient.email
    event = AuditEvent.objects.get(action="patient.view", channel="api")
    assert (event.actor, event.patient, event.ip) == (
        world.coordinator,
        world.own.patient,
        "192.0.2.44",
    )


def test_me_tells_a_patient_their_patient_id(
    world: World, api_client: Callable[..., Client]
) -> None:
    body = api_client(world.patient).get("/api/me").json()
    assert body["role"] == "patient"
    assert body["patient_id"] == str(world.own.patient.pk)
    assert body["clinic"] is None


def test_me_tells_staff_their_role_and_clinic(
    world: World, api_client: Callable[..., Client]
) -> None:
    body = api_client(world.surgeon).get("/api/me").json()
    assert body == {
        "id": world.surgeon.pk,
        "email": world.surgeon.email,
        "full_name": world.surgeon.full_name,
        "role": "surgeon",
        "clinic": {"id": world.surgeon.clinic_id, "name": "North Clinic"},
        "patient_id": None,
    }


@pytest.mark.parametrize(
    "query",
    [
        {"limit": "9223372036854775808"},
        {"limit": "201"},
        {"limit": "0"},
        {"limit": "-1"},
        {"offset": "9223372036854775808"},
        {"offset": "-5"},
        {"limit": "ten"},
    ],
)
def test_out_of_range_page_sizes_and_offsets_answer_422_not_500(
    world: World, api_client: Callable[..., Client], query: dict[str, str]
) -> None:
    response = api_client(world.coordinator).get("/api/patients", query)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


def test_the_largest_page_is_200_and_the_schema_says_so(
    world: World, api_client: Callable[..., Client]
) -> None:
    assert api_client(world.coordinator).get("/api/patients", {"limit": 200}).status_code == 200
    schema = Client().get("/api/openapi.json").json()
    params = {p["name"]: p for p in schema["paths"]["/api/patients"]["get"]["parameters"]}
    assert params["limit"]["schema"]["maximum"] == 200
    assert params["limit"]["schema"]["minimum"] == 1
    assert "200" in params["limit"]["schema"].get("description", "")
