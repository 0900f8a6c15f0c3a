"""No person is booked twice at once, even when two requests arrive at the same moment.

On PostgreSQL this is the exclusion constraints' guarantee: the tests run two real
connections (threads) that book the same slot at once, including with the service's own
overlap check switched off, so only the database stands between them. On SQLite write
transactions are serialised and the check inside the transaction decides.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client

from hipdip.web.accounts.models import User
from hipdip.web.appointments.models import Appointment, Status
from hipdip.web.appointments.services import booking

from ..conftest import World
from .conftest import local, make_appointment, weekday_ahead

Api = Callable[[User | None], Client]

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="exclusion constraints are PostgreSQL's"
)


def _race(clients: list[Client], bodies: list[dict[str, Any]]) -> list[int]:
    """POST each body with its client at the same moment, each on its own connection."""
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []

    def run(client: Client, body: dict[str, Any]) -> None:
        try:
            barrier.wait()
            r = client.post("/api/appointments", body, content_type="application/json")
            statuses.append(r.status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=pair) for pair in zip(clients, bodies, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return sorted(statuses)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("without_service_check", [False, True])
def test_two_patients_booking_the_same_slot_at_once_exactly_one_wins(
    clinic_world: World,
    api_client: Api,
    monkeypatch: pytest.MonkeyPatch,
    without_service_check: bool,
) -> None:
    if without_service_check:
        if connection.vendor != "postgresql":
            pytest.skip("only PostgreSQL's exclusion constraint can stand in for the check")
        monkeypatch.setattr(booking, "_check_free", lambda appt: None)
    w, day = clinic_world, weekday_ahead()
    body = {"type": "consultation", "start": local(day, 9).isoformat(), "staff_id": w.surgeon.pk}
    clients = [api_client(w.patient), api_client(w.other_patient)]
    assert _race(clients, [body, body]) == [201, 409]
    assert Appointment.objects.filter(status=Status.BOOKED).count() == 1


@pytest.mark.django_db(transaction=True)
@postgresql_only
def test_one_patient_booking_two_staff_at_once_gets_one_visit(
    clinic_world: World, api_client: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
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
    monkeypatch.setattr(booking, "_check_free", lambda appt: None)
    start = local(day, 9).isoformat()
    bodies = [
        {"type": "consultation", "start": start, "staff_id": w.surgeon.pk},
        {"type": "consultation", "start": start, "staff_id": w.coordinator.pk},
    ]
    assert _race([api_client(w.patient), api_client(w.patient)], bodies) == [201, 409]


@pytest.mark.django_db
@postgresql_only
def test_the_database_refuses_an_overlapping_booked_row(clinic_world: World) -> None:
    w, day = clinic_world, weekday_ahead()
    make_appointment(w, local(day, 9))
    with pytest.raises(IntegrityError, match="appointment_staff_no_overlap"), transaction.atomic():
        make_appointment(w, local(day, 9, 30), patient=w.other_patient.patient)
    # A cancelled visit does not hold the time; back to back is fine.
    make_appointment(w, local(day, 9, 30), status=Status.CANCELLED)
    make_appointment(w, local(day, 9, 45), patient=w.other_patient.patient)
