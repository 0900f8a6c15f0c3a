"""The pages: a patient books, sees, moves and cancels a visit; staff see the calendar,
book for a patient and set hours; every page is private and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from icalendar import Calendar

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.appointments import services
from hipdip.web.appointments.models import Appointment, Status, WeeklyHours
from hipdip.web.audit.models import AuditEvent
from hipdip.web.recovery.services import calendar_feed_create, calendar_feed_patient

from ..conftest import World
from .conftest import local, make_appointment, weekday_ahead

pytestmark = pytest.mark.django_db

Web = Callable[[User | None], Client]


def test_patient_books_from_the_free_times_page(clinic_world: World, web_client: Web) -> None:
    w, day = clinic_world, weekday_ahead()
    client = web_client(w.patient)
    page = client.get("/appointments/book/", {"type": "consultation", "week": day.isoformat()})
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert local(day, 9, 45).isoformat() in html and "Berlin time" in html
    r = client.post(
        "/appointments/book/",
        {"type": "consultation", "start": local(day, 9, 45).isoformat(), "staff_id": w.surgeon.pk},
    )
    assert r.status_code == 302 and r["Location"] == "/appointments/"
    appt = Appointment.objects.get()
    mine = client.get("/appointments/").content.decode()
    assert "Consultation" in mine and "09:45" in mine
    assert AuditEvent.objects.filter(action="appointment.list", patient_id=appt.patient_id).exists()


def test_booking_a_taken_time_on_the_page_says_so_and_changes_nothing(
    clinic_world: World, web_client: Web
) -> None:
    w, day = clinic_world, weekday_ahead()
    make_appointment(w, local(day, 9), patient=w.other_patient.patient)
    client = web_client(w.patient)
    r = client.post(
        "/appointments/book/",
        {"type": "consultation", "start": local(day, 9).isoformat(), "staff_id": w.surgeon.pk},
        follow=True,
    )
    assert "just been taken" in r.content.decode()
    assert Appointment.objects.count() == 1


def test_patient_moves_and_cancels_their_visit(clinic_world: World, web_client: Web) -> None:
    w, day = clinic_world, weekday_ahead()
    appt = make_appointment(w, local(day, 9))
    client = web_client(w.patient)
    page = client.get(f"/appointments/{appt.pk}/move/", {"week": day.isoformat()})
    assert page.status_code == 200
    # its own time is offered again (it is being moved)
    assert local(day, 9).isoformat() in page.content.decode()
    r = client.post(
        f"/appointments/{appt.pk}/move/",
        {"start": local(day, 11, 15).isoformat(), "staff_id": w.surgeon.pk},
    )
    assert r.status_code == 302
    appt.refresh_from_db()
    assert appt.start == local(day, 11, 15)
    assert client.get(f"/appointments/{appt.pk}/cancel/").status_code == 200
    client.post(f"/appointments/{appt.pk}/cancel/")
    appt.refresh_from_db()
    assert appt.status == Status.CANCELLED


def test_moving_a_visit_marks_its_current_time_and_picking_it_moves_nothing(
    clinic_world: World, web_client: Web
) -> None:
    w, day = clinic_world, weekday_ahead()
    appt = make_appointment(w, local(day, 9))
    updated = appt.updated_at
    client = web_client(w.patient)
    html = client.get(f"/appointments/{appt.pk}/move/", {"week": day.isoformat()}).content.decode()
    assert html.count("(current time)") == 1
    current = html.index("(current time)")
    assert html.rfind(local(day, 9).isoformat(), 0, current) > html.rfind("<form", 0, current)
    r = client.post(
        f"/appointments/{appt.pk}/move/",
        {"start": local(day, 9).isoformat(), "staff_id": w.surgeon.pk},
        follow=True,
    )
    assert "the visit&#x27;s current time, so nothing changed" in r.content.decode()
    assert "Moved:" not in r.content.decode()
    appt.refresh_from_db()
    assert appt.start == local(day, 9) and appt.updated_at == updated
    assert not AuditEvent.objects.filter(action="appointment.move").exists()


def test_moving_a_visit_to_its_own_time_records_no_move(clinic_world: World) -> None:
    w, day = clinic_world, weekday_ahead()
    appt = make_appointment(w, local(day, 9))
    same = services.appointment_move(
        actor=Actor(w.patient, "api"), appointment=appt, start=local(day, 9)
    )
    assert same.start == local(day, 9)
    assert not AuditEvent.objects.filter(action="appointment.move").exists()


def test_other_patients_cannot_open_or_move_a_visit(clinic_world: World, web_client: Web) -> None:
    w, day = clinic_world, weekday_ahead()
    appt = make_appointment(w, local(day, 9))
    for user in (w.other_patient, w.foreign_staff):
        client = web_client(user)
        assert client.get(f"/appointments/{appt.pk}/move/").status_code == 404
        assert client.post(f"/appointments/{appt.pk}/cancel/").status_code == 404
        assert client.get(f"/appointments/{appt.pk}.ics").status_code == 404
    appt.refresh_from_db()
    assert appt.status == Status.BOOKED


def test_staff_calendar_shows_the_week_in_the_clinics_zone(
    clinic_world: World, web_client: Web
) -> None:
    w, day = clinic_world, weekday_ahead()
    make_appointment(w, local(day, 10, 30))
    page = web_client(w.coordinator).get("/clinic/appointments/", {"date": day.isoformat()})
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "10:30–11:15" in html and "Olivia Own" in html and "Dr Sid Surgeon" in html
    day_view = web_client(w.surgeon).get(
        "/clinic/appointments/", {"date": day.isoformat(), "view": "day"}
    )
    assert "10:30–11:15" in day_view.content.decode()
    assert (
        web_client(w.foreign_staff)
        .get("/clinic/appointments/", {"date": day.isoformat()})
        .content.decode()
        .count("Olivia Own")
        == 0
    )
    assert web_client(w.patient).get("/clinic/appointments/").status_code == 403


def test_staff_book_a_preop_visit_for_a_patient(clinic_world: World, web_client: Web) -> None:
    w, day = clinic_world, weekday_ahead()
    client = web_client(w.coordinator)
    page = client.get(
        "/appointments/book/",
        {"type": "preop", "patient": str(w.patient.patient.pk), "week": day.isoformat()},
    )
    assert local(day, 11, 30).isoformat() in page.content.decode()
    r = client.post(
        "/appointments/book/",
        {
            "type": "preop",
            "patient": str(w.patient.patient.pk),
            "start": local(day, 11, 30).isoformat(),
            "staff_id": w.surgeon.pk,
        },
    )
    assert r.status_code == 302 and "/clinic/appointments/" in r["Location"]
    assert Appointment.objects.get().type.key == "preop"


def test_overlapping_hours_are_refused_with_a_clear_message(
    clinic_world: World, web_client: Web
) -> None:
    w = clinic_world
    client = web_client(w.clinic_admin)
    before = WeeklyHours.objects.count()
    r = client.post(
        f"/clinic/appointments/hours/?staff={w.surgeon.pk}",
        {"form": "weekly", "w-weekday": "0", "w-start_time": "11:00", "w-end_time": "13:00"},
    )
    assert r.status_code == 200
    assert "already has hours on Monday 09:00-12:00" in r.content.decode()
    assert WeeklyHours.objects.count() == before


def test_a_day_off_removes_that_days_slots_and_extra_hours_add_some(
    clinic_world: World, web_client: Web, api_client: Callable[[User | None], Client]
) -> None:
    w, day = clinic_world, weekday_ahead()
    admin = web_client(w.clinic_admin)
    url = f"/clinic/appointments/hours/?staff={w.surgeon.pk}"
    admin.post(url, {"form": "exception", "x-date": day.isoformat(), "x-kind": "off"})
    saturday = day + dt.timedelta(days=(5 - day.weekday()) % 7 or 7)
    admin.post(
        url,
        {
            "form": "exception",
            "x-date": saturday.isoformat(),
            "x-kind": "extra",
            "x-start_time": "10:00",
            "x-end_time": "11:30",
        },
    )
    api = api_client(w.patient)

    def starts(d: dt.date) -> list[str]:
        span = {"type": "consultation", "from": d.isoformat(), "to": d.isoformat()}
        return [s["start"] for s in api.get("/api/appointments/slots", span).json()]

    assert starts(day) == []
    assert starts(saturday) == [
        local(saturday, 10).isoformat(),
        local(saturday, 10, 45).isoformat(),
    ]


def test_a_visit_is_in_the_private_calendar_feed_and_its_own_ics(
    clinic_world: World, web_client: Web
) -> None:
    from hipdip.web.accounts.actor import Actor

    w, day = clinic_world, weekday_ahead()
    appt = make_appointment(w, local(day, 9, 45))
    token = calendar_feed_create(actor=Actor(w.patient, "web"), patient=w.patient.patient)
    assert calendar_feed_patient(token) == w.patient.patient
    feed = Client().get(f"/calendar/{token}.ics")
    events = [e for e in Calendar.from_ical(feed.content).walk("VEVENT")]
    (visit,) = [e for e in events if str(e["UID"]) == f"appointment-{appt.pk}@hipdip"]
    assert visit.decoded("DTSTART") == local(day, 9, 45)
    assert visit.decoded("DTEND") == local(day, 10, 30)
    assert visit.walk("VALARM")
    one = web_client(w.patient).get(f"/appointments/{appt.pk}.ics")
    assert one.status_code == 200 and "no-store" in one["Cache-Control"]
    (single,) = Calendar.from_ical(one.content).walk("VEVENT")
    assert str(single["UID"]) == str(visit["UID"])
    assert "Consultation" in str(single["SUMMARY"])
    assert AuditEvent.objects.filter(action="appointment.download").exists()


def test_clinic_admin_changes_a_visit_length_and_slots_follow(
    clinic_world: World, web_client: Web, api_client: Callable[[User | None], Client]
) -> None:
    from hipdip.web.appointments.models import AppointmentType

    w, day = clinic_world, weekday_ahead()
    t = AppointmentType.objects.get(clinic=w.surgeon.clinic, key="consultation")
    page = web_client(w.clinic_admin).get("/clinic/appointments/hours/")
    assert "Kinds of visit" in page.content.decode()
    web_client(w.clinic_admin).post(
        "/clinic/appointments/hours/",
        {
            "form": "type",
            "type_id": t.pk,
            "duration_minutes": "60",
            "patient_bookable": "on",
            "active": "on",
        },
    )
    t.refresh_from_db()
    assert t.duration_minutes == 60
    span = {"type": "consultation", "from": day.isoformat(), "to": day.isoformat()}
    starts = [s["start"] for s in api_client(w.patient).get("/api/appointments/slots", span).json()]
    assert starts == [local(day, h).isoformat() for h in (9, 10, 11)]
    # a coordinator sees no such section and cannot post it
    assert (
        "Kinds of visit"
        not in web_client(w.coordinator).get("/clinic/appointments/hours/").content.decode()
    )
    web_client(w.coordinator).post(
        "/clinic/appointments/hours/", {"form": "type", "type_id": t.pk, "duration_minutes": "5"}
    )
    t.refresh_from_db()
    assert t.duration_minutes == 60


def test_a_patient_without_a_clinic_sees_a_plain_sentence(
    clinic_world: World, web_client: Web
) -> None:
    client = web_client(clinic_world.self_signed)
    for url in ("/appointments/", "/appointments/book/"):
        r = client.get(url)
        assert r.status_code == 200
        assert "not with a clinic yet" in r.content.decode()


def test_follow_ups_are_offered_once_there_is_a_procedure_date_and_start_at_their_day(
    clinic_world: World, web_client: Web
) -> None:
    from hipdip.web.recovery.models import RecoveryCourse

    w = clinic_world
    client = web_client(w.patient)
    assert "Follow-up visit (day 7)" not in client.get("/appointments/book/").content.decode()
    surgery = weekday_ahead(1)
    RecoveryCourse.objects.create(
        patient=w.patient.patient, procedure_date=surgery, timezone="Europe/Berlin"
    )
    assert "Follow-up visit (day 7)" in client.get("/appointments/book/").content.decode()
    page = client.get("/appointments/book/", {"type": "followup_day_7"}).content.decode()
    due = surgery + dt.timedelta(days=6)
    assert f"{due.day} {due:%b}" in page  # the free times start the day before day 7


def test_my_appointments_say_why_a_visit_cannot_be_changed_online(
    clinic_world: World, web_client: Web
) -> None:
    # A pre-op visit next week cannot be moved online because the clinic books that kind,
    # not because of the notice period; the page said only "please call the clinic" next
    # to "visits can be moved online up to 24 hours before".
    w, day = clinic_world, weekday_ahead(5)
    make_appointment(w, local(day, 9), key="preop", minutes=30)
    html = web_client(w.patient).get("/appointments/").content.decode()
    assert "The clinic books this kind of visit: to move or cancel it" in html
    assert "Visits you can book yourself can be moved or cancelled online" in html
    assert "/move/" not in html


def test_a_patient_moving_a_visit_is_offered_only_the_same_persons_times(
    clinic_world: World, web_client: Web
) -> None:
    # The move page offered every staff member's free times, and picking a colleague's
    # slot ended in "Dr ... does not see people at that time".
    w, day = clinic_world, weekday_ahead()
    actor = Actor(w.clinic_admin, "web")
    services.weekly_hours_add(
        actor=actor,
        staff=w.coordinator,
        weekday=day.weekday(),
        start_time=dt.time(14),
        end_time=dt.time(16),
    )
    appt = make_appointment(w, local(day, 9))
    patient_page = (
        web_client(w.patient)
        .get(f"/appointments/{appt.pk}/move/", {"week": day.isoformat()})
        .content.decode()
    )
    assert local(day, 11, 15).isoformat() in patient_page
    assert local(day, 14).isoformat() not in patient_page
    # staff moving it still see everyone's times
    staff_page = (
        web_client(w.coordinator)
        .get(f"/appointments/{appt.pk}/move/", {"week": day.isoformat()})
        .content.decode()
    )
    assert local(day, 14).isoformat() in staff_page


def test_the_clinic_wide_cards_on_the_hours_page_are_spaced_from_the_staff_cards(
    clinic_world: World, web_client: Web
) -> None:
    # The booking rules card sat flush against the two staff cards above it.
    html = web_client(clinic_world.clinic_admin).get("/clinic/appointments/hours/")
    text = html.content.decode()
    assert '<section class="card mt-m" aria-labelledby="rules-h">' in text
    assert '<section class="card mt-m" aria-labelledby="types-h">' in text


def test_the_calendar_also_lists_each_days_visits_in_time_order_for_phones(
    clinic_world: World, web_client: Web
) -> None:
    w, day = clinic_world, weekday_ahead()
    late = make_appointment(w, local(day, 14, 0))
    early = make_appointment(w, local(day, 9, 0), staff=w.coordinator)
    html = web_client(w.coordinator).get("/clinic/appointments/", {"date": day.isoformat()})
    agenda = html.content.decode().split("data-agenda", 1)[1]
    assert agenda.index(f'data-appointment="{early.pk}"') < agenda.index(
        f'data-appointment="{late.pk}"'
    )
    assert agenda.count("No visits.") == 6  # the other days of the week
    assert "Dr Sid Surgeon" in agenda
