"""The recovery page's "Coming up": a follow-up visit that is booked shows on its booked
date and time, not on the day the recovery plan suggests; one not booked yet says so and
offers to book it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from hipdip.web.accounts.models import User
from hipdip.web.appointments.models import Status
from hipdip.web.appointments.services import appointment_types_ensure

from ..conftest import World
from ..recovery.factories import RecoveryCourseFactory
from .conftest import ZONE, local, make_appointment

pytestmark = pytest.mark.django_db

Web = Callable[[User | None], Client]


def _coming_up(client: Client, patient_id: object) -> str:
    html = client.get(f"/patients/{patient_id}/recovery/").content.decode()
    start = html.index('id="next-h"')
    return html[start : html.index("</section>", start)]


def _row_date(html: str, day: int) -> str:
    found = re.search(rf"<b>(\d+)</b>(\w+)</span><span><b>Follow-up visit \(day {day}\)", html)
    assert found, f"no follow-up of day {day} in {html}"
    return f"{found[1]} {found[2]}"


def test_a_booked_follow_up_shows_on_its_booked_date(clinic_world: World, web_client: Web) -> None:
    w = clinic_world
    clinic = w.surgeon.clinic
    assert clinic is not None
    appointment_types_ensure(clinic=clinic)
    patient = w.patient.patient
    today = timezone.now().astimezone(ZoneInfo(ZONE)).date()
    RecoveryCourseFactory(
        patient=patient, procedure_date=today - dt.timedelta(days=10), timezone=ZONE
    )
    planned = today + dt.timedelta(days=4)  # day 14
    booked_day = today + dt.timedelta(days=2)
    visit = make_appointment(w, local(booked_day, 10, 30), minutes=20, key="followup_day_14")

    mine = _coming_up(web_client(w.patient), patient.pk)
    assert f"booked for {booked_day:%a} {booked_day.day} {booked_day:%b}, 10:30" in mine
    assert _row_date(mine, 14) == f"{booked_day.day} {booked_day:%b}"  # not {planned}
    assert "in 2 days" in mine
    assert "not booked yet" in mine  # day 42
    assert "/appointments/book/?type=followup_day_42" in mine

    staff = _coming_up(web_client(w.coordinator), patient.pk)
    assert "booked for" in staff
    assert f"/appointments/book/?type=followup_day_42&amp;patient={patient.pk}" in staff

    visit.status = Status.CANCELLED
    visit.save()
    mine = _coming_up(web_client(w.patient), patient.pk)
    assert "booked for" not in mine
    assert _row_date(mine, 14) == f"{planned.day} {planned:%b}"
    assert f"planned for {planned:%a} {planned.day} {planned:%b}, not booked yet" in mine
