"""The patient's calendar: valid iCalendar (parsed back with the icalendar library) with
the recovery dates of hipdip.care.recovery, reminders, training sessions; and the private
subscription address that can be replaced or turned off."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from icalendar import Calendar

from hipdip.care.recovery import recovery_timeline
from hipdip.care.settings import ClinicSettings
from hipdip.web.audit.models import AuditEvent
from hipdip.web.recovery.models import CalendarFeed

from ..conftest import World
from .factories import RecoveryCourseFactory, make_programme

pytestmark = pytest.mark.django_db


def _parse(body: bytes) -> Calendar:
    cal = Calendar.from_ical(body)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    return cal


def test_the_calendar_holds_every_milestone_with_its_dates(world: World, api_client: Any) -> None:
    course = RecoveryCourseFactory(
        patient=world.own.patient, procedure_date=dt.date(2026, 3, 2), timezone="Europe/Paris"
    )
    response = api_client(world.coordinator).get(f"/api/patients/{course.patient.pk}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = _parse(response.content)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(events) == len(cal.walk("VEVENT"))  # unique, stable UIDs
    timeline = recovery_timeline(procedure_date=course.procedure_date, settings=ClinicSettings())
    for m in timeline:
        event = events[f"{m.key}-{course.pk}@hipdip"]
        assert event.decoded("DTSTART") == m.starts_on
        assert event.decoded("DTEND") == (m.ends_on or m.starts_on) + dt.timedelta(days=1)
    visit = events[f"visit_day_7-{course.pk}@hipdip"]
    assert visit.walk("VALARM"), "visits carry a reminder"
    reminder = events[f"checkin-reminder-{course.pk}@hipdip"]
    assert reminder.decoded("DTSTART").tzinfo is not None
    assert str(reminder["DTSTART"].params["TZID"]) == "Europe/Paris"
    assert reminder["RRULE"]["FREQ"] == ["DAILY"]
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_training_sessions_are_in_the_calendar_of_a_training_only_patient(
    world: World, web_client: Any
) -> None:
    programme = make_programme(world.own.patient)
    response = web_client(world.patient).get(f"/patients/{world.own.patient.pk}/calendar.ics")
    cal = _parse(response.content)
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert uids and all(u.startswith(f"training-{programme.pk}-") for u in uids)


def test_a_clearance_date_moves_training_events_but_never_before_it(
    world: World, api_client: Any
) -> None:
    procedure = dt.date.today() - dt.timedelta(days=30)
    RecoveryCourseFactory(
        patient=world.own.patient,
        procedure_date=procedure,
        training_cleared_on=procedure + dt.timedelta(days=35),
    )
    make_programme(world.own.patient, goal="maintain_after_surgery", start_date=dt.date.today())
    body = api_client(world.patient).get(f"/api/patients/{world.own.patient.pk}/calendar.ics")
    starts = [
        e.decoded("DTSTART")
        for e in _parse(body.content).walk("VEVENT")
        if str(e["UID"]).startswith("training-")
    ]
    assert starts and min(starts) >= procedure + dt.timedelta(days=35)


def test_the_private_address_works_without_signing_in_until_it_is_replaced_or_revoked(
    world: World, web_client: Any
) -> None:
    RecoveryCourseFactory(patient=world.own.patient)
    patient_id = world.own.patient.pk
    me = web_client(world.patient)
    page = me.post(f"/patients/{patient_id}/calendar/link/").content.decode()
    first = re.search(r"/calendar/([\w-]+)\.ics", page).group(0)  # type: ignore[union-attr]
    anonymous = web_client(None)
    feed = anonymous.get(first)
    assert feed.status_code == 200 and _parse(feed.content).walk("VEVENT")
    assert AuditEvent.objects.filter(action="calendar.subscription").count() == 1

    page = me.post(f"/patients/{patient_id}/calendar/link/").content.decode()
    second = re.search(r"/calendar/([\w-]+)\.ics", page).group(0)  # type: ignore[union-attr]
    assert anonymous.get(first).status_code == 404
    assert anonymous.get(second).status_code == 200

    me.post(f"/patients/{patient_id}/calendar/revoke/")
    assert anonymous.get(second).status_code == 404
    assert anonymous.get("/calendar/not-a-token.ics").status_code == 404


def test_staff_cannot_create_a_patients_private_address_but_can_turn_it_off(
    world: World, web_client: Any
) -> None:
    RecoveryCourseFactory(patient=world.own.patient)
    patient_id = world.own.patient.pk
    assert (
        web_client(world.coordinator).post(f"/patients/{patient_id}/calendar/link/").status_code
        == 403
    )
    web_client(world.patient).post(f"/patients/{patient_id}/calendar/link/")
    response = web_client(world.coordinator).post(f"/patients/{patient_id}/calendar/revoke/")
    assert response.status_code == 302
    assert not CalendarFeed.objects.filter(patient_id=patient_id).exists()
