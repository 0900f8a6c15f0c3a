"""The appointments API: slots in the clinic's zone, booking with its rules, lists,
moving and cancelling, and the error shape of every refusal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from hipdip.web.accounts.models import User
from hipdip.web.appointments.models import Appointment, Status
from hipdip.web.audit.models import AuditEvent

from ..conftest import World
from .conftest import local, weekday_ahead

pytestmark = pytest.mark.django_db

Api = Callable[[User | None], Client]


def _slots(client: Client, day: dt.date, type_key: str = "consultation") -> Any:
    span = {"from": day.isoformat(), "to": day.isoformat()}
    return client.get("/api/appointments/slots", {"type": type_key, **span})


def _book(client: Client, **body: Any) -> Any:
    return client.post("/api/appointments", body, content_type="application/json")


def test_slots_are_listed_in_the_clinics_zone_with_its_offset(
    clinic_world: World, api_client: Api
) -> None:
    day = weekday_ahead()
    r = _slots(api_client(clinic_world.patient), day)
    assert r.status_code == 200
    starts = [s["start"] for s in r.json()]
    # 09:00-12:00 local in 45-minute visits: 09:00, 09:45, 10:30, 11:15.
    assert starts == [
        f"{day.isoformat()}T{t}+01:00" for t in ("09:00:00", "09:45:00", "10:30:00", "11:15:00")
    ]
    assert {s["staff_id"] for s in r.json()} == {clinic_world.surgeon.pk}


def test_no_slots_on_a_weekend_without_hours(clinic_world: World, api_client: Api) -> None:
    day = weekday_ahead(7)
    saturday = day + dt.timedelta(days=5 - day.weekday())
    assert _slots(api_client(clinic_world.patient), saturday).json() == []


def test_patient_books_a_slot_and_it_is_no_longer_free(
    clinic_world: World, api_client: Api
) -> None:
    w, day = clinic_world, weekday_ahead()
    client = api_client(w.patient)
    start = local(day, 9, 45).isoformat()
    r = _book(client, type="consultation", start=start, staff_id=w.surgeon.pk)
    assert r.status_code == 201, r.content
    appt = Appointment.objects.get(pk=r.json()["id"])
    assert appt.patient == w.patient.patient and appt.created_by == w.patient
    assert appt.end - appt.start == dt.timedelta(minutes=45)
    assert r.json()["start"] == start
    assert start not in [s["start"] for s in _slots(client, day).json()]
    assert AuditEvent.objects.filter(action="appointment.book", object_id=str(appt.pk)).exists()


def test_a_taken_slot_gives_409_and_books_nothing(clinic_world: World, api_client: Api) -> None:
    w, day = clinic_world, weekday_ahead()
    body = {"type": "consultation", "start": local(day, 9).isoformat(), "staff_id": w.surgeon.pk}
    assert _book(api_client(w.patient), **body).status_code == 201
    r = _book(api_client(w.other_patient), **body)
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "slot_taken"
    assert Appointment.objects.count() == 1


def test_an_overlapping_start_in_between_is_also_taken(
    clinic_world: World, api_client: Api
) -> None:
    w, day = clinic_world, weekday_ahead()
    assert (
        _book(
            api_client(w.coordinator),
            type="consultation",
            start=local(day, 9).isoformat(),
            staff_id=w.surgeon.pk,
            patient_id=str(w.other_patient.patient.pk),
        ).status_code
        == 201
    )
    r = _book(
        api_client(w.patient),
        type="followup_day_7",
        start=local(day, 9, 30).isoformat(),
        staff_id=w.surgeon.pk,
    )
    assert r.status_code == 409


@pytest.mark.parametrize(
    ("when", "type_key", "code"),
    [
        ("past", "consultation", "in_past"),
        ("outside", "consultation", "outside_hours"),
        ("soon", "consultation", "too_late"),
        ("ok", "procedure", "unknown_type"),
    ],
)
def test_patients_booking_refusals_are_plain_and_change_nothing(
    clinic_world: World, api_client: Api, when: str, type_key: str, code: str
) -> None:
    w, day = clinic_world, weekday_ahead()
    starts = {
        "past": local(day, 9) - dt.timedelta(days=10),
        "outside": local(day, 13),
        "soon": dt.datetime.now(dt.UTC) + dt.timedelta(hours=2),
        "ok": local(day, 9),
    }
    r = _book(
        api_client(w.patient), type=type_key, start=starts[when].isoformat(), staff_id=w.surgeon.pk
    )
    assert r.status_code == 400, r.content
    assert r.json()["error"]["code"] == code
    assert r.json()["error"]["message"]
    assert not Appointment.objects.exists()


def test_staff_book_any_type_for_their_patients(clinic_world: World, api_client: Api) -> None:
    w, day = clinic_world, weekday_ahead()
    r = _book(
        api_client(w.coordinator),
        type="preop",
        start=local(day, 11).isoformat(),
        staff_id=w.surgeon.pk,
        patient_id=str(w.patient.patient.pk),
    )
    assert r.status_code == 201, r.content
    assert r.json()["patient_id"] == str(w.patient.patient.pk)
    assert r.json()["end"] == local(day, 11, 30).isoformat()


def test_staff_cannot_book_for_another_clinics_patient(
    clinic_world: World, api_client: Api
) -> None:
    w, day = clinic_world, weekday_ahead()
    r = _book(
        api_client(w.coordinator),
        type="consultation",
        start=local(day, 9).isoformat(),
        staff_id=w.surgeon.pk,
        patient_id=str(w.foreign.patient.pk),
    )
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "unknown_patient"
    assert not Appointment.objects.exists()


def test_foreign_staff_cannot_book_our_surgeon(clinic_world: World, api_client: Api) -> None:
    w, day = clinic_world, weekday_ahead()
    r = _book(
        api_client(w.foreign_staff),
        type="consultation",
        start=local(day, 9).isoformat(),
        staff_id=w.surgeon.pk,
        patient_id=str(w.foreign.patient.pk),
    )
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "unknown_staff"


def test_one_patient_cannot_be_in_two_visits_at_once(clinic_world: World, api_client: Api) -> None:
    from hipdip.web.accounts.actor import Actor
    from hipdip.web.appointments import services

    w, day = clinic_world, weekday_ahead()
    services.weekly_hours_add(
        actor=Actor(w.clinic_admin, "web"),
        staff=w.coordinator,
        weekday=day.weekday(),
        start_time=dt.time(9),
        end_time=dt.time(12),
    )
    client = api_client(w.patient)
    body = {"type": "consultation", "start": local(day, 9).isoformat()}
    assert _book(client, **body, staff_id=w.surgeon.pk).status_code == 201
    r = _book(client, **body, staff_id=w.coordinator.pk)
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "patient_busy"
    # and the patient's own visit hides that time with everyone
    assert local(day, 9).isoformat() not in [s["start"] for s in _slots(client, day).json()]


def test_lists_show_patients_their_own_and_staff_their_clinics(
    clinic_world: World, api_client: Api
) -> None:
    w, day = clinic_world, weekday_ahead()
    staff = api_client(w.coordinator)
    for who, hour in ((w.patient, 9), (w.other_patient, 11)):
        _book(
            staff,
            type="consultation",
            start=local(day, hour).isoformat(),
            staff_id=w.surgeon.pk,
            patient_id=str(who.patient.pk),
        )
    mine = api_client(w.patient).get("/api/appointments").json()
    assert [a["patient_id"] for a in mine] == [str(w.patient.patient.pk)]
    span = {"from": day.isoformat(), "to": day.isoformat()}
    assert len(staff.get("/api/appointments", span).json()) == 2
    assert api_client(w.foreign_staff).get("/api/appointments", span).json() == []


def test_cancel_frees_the_slot_and_a_second_cancel_is_409(
    clinic_world: World, api_client: Api
) -> None:
    w, day = clinic_world, weekday_ahead()
    client = api_client(w.patient)
    start = local(day, 9).isoformat()
    appt_id = _book(client, type="consultation", start=start, staff_id=w.surgeon.pk).json()["id"]
    r = client.post(f"/api/appointments/{appt_id}/cancel")
    assert r.status_code == 200 and r.json()["status"] == Status.CANCELLED
    assert start in [s["start"] for s in _slots(client, day).json()]
    assert client.post(f"/api/appointments/{appt_id}/cancel").status_code == 409


def test_other_people_cannot_see_or_cancel_a_visit(clinic_world: World, api_client: Api) -> None:
    w, day = clinic_world, weekday_ahead()
    appt_id = _book(
        api_client(w.patient),
        type="consultation",
        start=local(day, 9).isoformat(),
        staff_id=w.surgeon.pk,
    ).json()["id"]
    for user in (w.other_patient, w.foreign_staff):
        assert api_client(user).get(f"/api/appointments/{appt_id}").status_code == 404
        assert api_client(user).post(f"/api/appointments/{appt_id}/cancel").status_code == 404
    assert Appointment.objects.get(pk=appt_id).status == Status.BOOKED


def test_move_keeps_the_visit_and_frees_the_old_time(clinic_world: World, api_client: Api) -> None:
    w, day = clinic_world, weekday_ahead()
    client = api_client(w.patient)
    appt_id = _book(
        client, type="consultation", start=local(day, 9).isoformat(), staff_id=w.surgeon.pk
    ).json()["id"]
    r = client.post(
        f"/api/appointments/{appt_id}/move",
        {"start": local(day, 10, 30).isoformat()},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["id"] == appt_id and r.json()["start"] == local(day, 10, 30).isoformat()
    free = [s["start"] for s in _slots(client, day).json()]
    assert local(day, 9).isoformat() in free and local(day, 10, 30).isoformat() not in free


def test_slot_search_refuses_an_unknown_type_and_a_long_range(
    clinic_world: World, api_client: Api
) -> None:
    client = api_client(clinic_world.patient)
    day = weekday_ahead()
    assert _slots(client, day, "nonsense").status_code == 400
    r = client.get(
        "/api/appointments/slots",
        {"type": "consultation", "from": day.isoformat(), "to": (day + dt.timedelta(days=60))},
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "range_too_long"
    assert client.get("/api/appointments/slots", {"type": "consultation"}).status_code == 422
    assert Client().get("/api/appointments").status_code == 401


def test_a_patient_cannot_book_for_someone_else(clinic_world: World, api_client: Api) -> None:
    w, day = clinic_world, weekday_ahead()
    r = _book(
        api_client(w.patient),
        type="consultation",
        start=local(day, 9).isoformat(),
        staff_id=w.surgeon.pk,
        patient_id=str(w.other_patient.patient.pk),
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "unknown_patient"
    assert not Appointment.objects.exists()


def test_a_patient_without_a_clinic_is_told_plainly(clinic_world: World, api_client: Api) -> None:
    r = _slots(api_client(clinic_world.self_signed), weekday_ahead())
    assert r.status_code == 400 and r.json()["error"]["code"] == "no_clinic"
