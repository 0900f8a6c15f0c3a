"""Kinds of visit on the hours page: a clinic admin adds one (name, kind, length, who books
it) or stops offering one; bad input is a plain form error and saves nothing; nobody
else can."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.appointments import services
from hipdip.web.appointments.models import AppointmentType
from hipdip.web.appointments.selectors import types_of
from hipdip.web.audit.models import AuditEvent

from ..conftest import World
from .conftest import local, make_appointment, weekday_ahead

pytestmark = pytest.mark.django_db

Web = Callable[[User | None], Client]
URL = "/clinic/appointments/hours/"


def _add(client: Client, **fields: Any) -> Any:
    data = {
        "form": "type_add",
        "t-name": "Scar check",
        "t-kind": "followup",
        "t-duration_minutes": "15",
        "t-booked_by": "patients",
        "t-followup_day": "",
        **{f"t-{k}": v for k, v in fields.items()},
    }
    return client.post(URL, data)


def _types(world: World) -> Any:
    return AppointmentType.objects.filter(clinic=world.surgeon.clinic)


def test_an_admin_adds_a_kind_of_visit_that_patients_can_then_book(
    clinic_world: World, web_client: Web, api_client: Web
) -> None:
    w = clinic_world
    response = _add(web_client(w.clinic_admin), followup_day="14")
    assert response.status_code == 302
    added = _types(w).get(name="Scar check")
    assert (added.key, added.kind, added.duration_minutes) == ("scar_check", "followup", 15)
    assert added.patient_bookable and added.active and added.followup_day == 14
    event = AuditEvent.objects.get(action="appointment_type.add")
    assert event.actor == w.clinic_admin and event.detail["key"] == "scar_check"
    page = web_client(w.clinic_admin).get(URL).content.decode()
    assert "Scar check" in page
    day = weekday_ahead()
    span = {"type": "scar_check", "from": day.isoformat(), "to": day.isoformat()}
    slots = api_client(w.patient).get("/api/appointments/slots", span).json()
    assert slots[0]["start"] == local(day, 9).isoformat()
    assert len(slots) == 12  # 09:00-12:00 in 15-minute visits


def test_a_staff_only_kind_is_booked_by_staff_and_not_by_patients(
    clinic_world: World, web_client: Web, api_client: Web
) -> None:
    w = clinic_world
    _add(web_client(w.clinic_admin), name="Drain removal", kind="preop", booked_by="staff")
    added = _types(w).get(name="Drain removal")
    assert not added.patient_bookable and added.key == "drain_removal"
    day = weekday_ahead()
    span = {"type": "drain_removal", "from": day.isoformat(), "to": day.isoformat()}
    assert api_client(w.patient).get("/api/appointments/slots", span).status_code == 400
    assert api_client(w.coordinator).get("/api/appointments/slots", span).status_code == 200
    assert added in types_of(w.surgeon.clinic) and added not in types_of(
        w.surgeon.clinic, patient_bookable=True
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"duration_minutes": "0"}, "greater than or equal to 5"),
        ({"duration_minutes": "-30"}, "greater than or equal to 5"),
        ({"duration_minutes": "721"}, "less than or equal to 720"),
        ({"duration_minutes": "99999999999"}, "less than or equal to 720"),
        ({"duration_minutes": "half an hour"}, "Enter a whole number"),
        ({"name": "   "}, "This field is required"),
        ({"name": "x" * 101}, "at most 100 characters"),
        ({"kind": "massage"}, "Select a valid choice"),
        ({"booked_by": "anyone"}, "Select a valid choice"),
        ({"followup_day": "7", "kind": "consultation"}, "Only a follow-up has a day"),
        ({"name": "consultation"}, "There is already a kind of visit called “Consultation”"),
        ({"name": " Pre-op   VISIT "}, "There is already a kind of visit called “Pre-op visit”"),
        ({"name": "TRAINING REVIEW"}, "There is already a kind of visit called “Training review”"),
    ],
)
def test_bad_input_is_a_plain_form_error_and_saves_nothing(
    clinic_world: World, web_client: Web, fields: dict[str, str], message: str
) -> None:
    w = clinic_world
    before = _types(w).count()
    response = _add(web_client(w.clinic_admin), **fields)
    assert response.status_code == 200
    html = response.content.decode().replace("&#x27;", "'")
    assert message in html, html[html.find("Add a kind of visit") :][:2000]
    assert _types(w).count() == before
    assert not AuditEvent.objects.filter(action="appointment_type.add").exists()


def test_a_name_not_offered_any_more_is_still_taken_and_the_form_says_how_to_offer_it(
    clinic_world: World, web_client: Web
) -> None:
    w = clinic_world
    preop = _types(w).get(key="preop")
    services.appointment_type_update(
        actor=Actor(w.clinic_admin, "web"),
        appointment_type=preop,
        duration_minutes=preop.duration_minutes,
        patient_bookable=False,
        active=False,
    )
    html = _add(web_client(w.clinic_admin), name="Pre-op visit").content.decode()
    assert "It is not offered now" in html
    assert _types(w).filter(name__iexact="pre-op visit").count() == 1


def test_names_differing_only_in_the_case_of_accented_letters_are_the_same_name(
    clinic_world: World, web_client: Web
) -> None:
    w = clinic_world
    client = web_client(w.clinic_admin)
    assert _add(client, name="Ärztliche Kontrolle", kind="consultation").status_code == 302
    html = _add(client, name="ärztliche kontrolle", kind="consultation").content.decode()
    assert "There is already a kind of visit called “Ärztliche Kontrolle”" in html
    assert _types(w).get(name="Ärztliche Kontrolle").key == "arztliche_kontrolle"


def test_names_that_make_the_same_key_get_keys_of_their_own(clinic_world: World) -> None:
    w = clinic_world
    actor = Actor(w.clinic_admin, "web")
    keys = [
        services.appointment_type_add(
            actor=actor, name=name, kind="followup", duration_minutes=20, patient_bookable=True
        ).key
        for name in ("Scar check", "Scar-check", "Scar check!", "—", "x" * 100)
    ]
    assert keys == ["scar_check", "scar_check_2", "scar_check_3", "visit", "x" * 40]


@pytest.mark.parametrize("role", ["coordinator", "surgeon", "patient", "foreign_staff"])
def test_only_the_clinics_admin_can_add_a_kind_of_visit(
    clinic_world: World, web_client: Web, role: str
) -> None:
    w = clinic_world
    before = AppointmentType.objects.count()
    assert _add(web_client(getattr(w, role))).status_code == 403
    assert AppointmentType.objects.count() == before
    assert "Add a kind of visit" not in web_client(w.coordinator).get(URL).content.decode()
    response = _add(web_client(None))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    with pytest.raises(PermissionDenied):
        services.appointment_type_add(
            actor=Actor(w.coordinator, "web"),
            name="Sneaky",
            kind="consultation",
            duration_minutes=30,
            patient_bookable=True,
        )
    assert AppointmentType.objects.count() == before


def test_a_kind_no_longer_offered_cannot_be_booked_but_booked_visits_keep_it(
    clinic_world: World, web_client: Web, api_client: Web
) -> None:
    w = clinic_world
    day = weekday_ahead()
    booked = make_appointment(w, local(day, 9))
    consultation = booked.type
    response = web_client(w.clinic_admin).post(
        URL,
        {
            "form": "type",
            "type_id": consultation.pk,
            "duration_minutes": str(consultation.duration_minutes),
            "patient_bookable": "on",
        },  # "active" left out: not offered
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert not consultation.active
    assert "Not offered" in web_client(w.clinic_admin).get(URL).content.decode()
    assert consultation not in types_of(w.surgeon.clinic)
    span = {"type": "consultation", "from": day.isoformat(), "to": day.isoformat()}
    assert api_client(w.patient).get("/api/appointments/slots", span).status_code == 400
    new_visit = {
        "type": "consultation",
        "start": local(day, 10).isoformat(),
        "staff_id": w.surgeon.pk,
    }
    assert (
        api_client(w.patient)
        .post("/api/appointments", new_visit, content_type="application/json")
        .status_code
        == 400
    )
    assert "Consultation" not in web_client(w.patient).get("/appointments/book/").content.decode()
    # the visit booked before keeps its kind, is still listed, and can still be moved
    mine = api_client(w.patient).get("/api/appointments").json()
    assert [(a["id"], a["type"]) for a in mine] == [(str(booked.pk), "consultation")]
    moved = api_client(w.coordinator).post(
        f"/api/appointments/{booked.pk}/move",
        {"start": local(day, 11).isoformat()},
        content_type="application/json",
    )
    assert moved.status_code == 200, moved.json()
    booked.refresh_from_db()
    assert booked.type == consultation and booked.start == local(day, 11)
    assert booked.end - booked.start == dt.timedelta(minutes=consultation.duration_minutes)
