"""Real-browser flow: a patient books a consultation on a phone; a coordinator on a desktop
finds it in the calendar and moves it; the reminder job emails the moved time; an urgent
check-in nobody acknowledges escalates after the clinic's set time, and the alert page says
so. Screenshots go to /tmp/shots (appt-*)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role
from hipdip.web.appointments import services
from hipdip.web.appointments.models import Appointment, Status
from hipdip.web.clinic.models import ClinicCareSettings
from hipdip.web.reminders.models import EscalationSettings
from hipdip.web.reminders.services import appointment_reminders_run, escalations_run

from ..browsers import DESKTOP, PHONE, new_page, shot, sign_in
from ..factories import ClinicFactory, PatientFactory, StaffFactory
from ..recovery.factories import RecoveryCourseFactory, make_checkin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZONE = "America/New_York"


def test_patient_books_a_consultation_and_a_coordinator_moves_it(
    live_server: Any, browser: Any
) -> None:
    clinic = ClinicFactory(name="Harbour Clinic")
    ClinicCareSettings.objects.create(clinic=clinic, default_timezone=ZONE)
    patient = PatientFactory(
        clinic=clinic, user__full_name="Grace Hopper", user__email="grace@example.com"
    )
    StaffFactory(
        clinic=clinic, role=Role.COORDINATOR, email="coord@example.com", full_name="Maya Chen"
    )
    surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON, full_name="Dr Sam Okafor")
    admin = StaffFactory(clinic=clinic, role=Role.CLINIC_ADMIN)
    for weekday in range(5):
        services.weekly_hours_add(
            actor=Actor(admin, "web"),
            staff=surgeon,
            weekday=weekday,
            start_time=dt.time(9),
            end_time=dt.time(12),
        )
    day = timezone.now().astimezone(ZoneInfo(ZONE)).date() + dt.timedelta(days=2)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    base = live_server.url

    # --- the patient, on a phone ---------------------------------------------------------
    page = new_page(browser, PHONE)
    sign_in(page, base, "grace@example.com")
    page.goto(base + "/appointments/")
    assert page.get_by_role("heading", name="My appointments").is_visible()
    page.get_by_role("link", name="Book a visit").click()
    page.get_by_role("radio", name="Consultation (45 minutes)").check()
    page.get_by_role("button", name="Show free times").click()
    page.goto(page.url + f"&week={day.isoformat()}")
    shot(page, "appt-phone-01-free-times")
    label = f"Book {day:%A} {day.day} {day:%B} at 09:45 with Dr Sam Okafor"
    page.get_by_role("button", name=label).click()
    page.wait_for_url("**/appointments/")
    assert page.get_by_text("Booked: Consultation").is_visible()
    shot(page, "appt-phone-02-my-appointments")
    assert not page.js_errors, page.js_errors
    appt = Appointment.objects.get(patient=patient)
    assert appt.start == dt.datetime.combine(day, dt.time(9, 45), tzinfo=ZoneInfo(ZONE))

    # --- the coordinator, on a desktop, with the keyboard where it matters -------------
    desk = new_page(browser, DESKTOP)
    sign_in(desk, base, "coord@example.com")
    desk.goto(base + f"/clinic/appointments/?date={day.isoformat()}")
    # On a desk the week is a grid; the per-day list for phones is hidden.
    assert desk.locator(".cal-grid").get_by_text("09:45–10:30").is_visible()
    assert not desk.locator("[data-agenda]").is_visible()
    shot(desk, "appt-desk-01-week")
    desk.get_by_role("link", name="Move Consultation of Grace Hopper at 09:45").click()
    desk.goto(desk.url + f"?week={day.isoformat()}")
    shot(desk, "appt-desk-02-move")
    target = desk.get_by_role(
        "button", name=f"Move to {day:%A} {day.day} {day:%B} at 11:15 with Dr Sam Okafor"
    )
    target.focus()
    desk.keyboard.press("Enter")
    desk.wait_for_url("**/clinic/appointments/**")
    assert desk.get_by_text("Moved: Consultation").is_visible()
    assert desk.locator(".cal-grid").get_by_text("11:15–12:00").is_visible()
    shot(desk, "appt-desk-03-day-after-move")
    calendar_url = desk.url
    desk.set_viewport_size(PHONE)  # a phone: one list per day
    assert desk.locator("[data-agenda]").get_by_text("11:15–12:00").is_visible()
    assert not desk.locator(".cal-grid").is_visible()
    shot(desk, "appt-desk-03b-phone")
    desk.set_viewport_size(DESKTOP)
    desk.goto(calendar_url)
    desk.get_by_role("link", name="Hours").click()
    desk.get_by_role("combobox", name="Staff member").select_option(label="Dr Sam Okafor")
    desk.get_by_role("button", name="Show").click()
    assert desk.get_by_text("Monday 09:00–12:00").is_visible()
    shot(desk, "appt-desk-04-hours")
    assert not desk.js_errors, desk.js_errors
    appt.refresh_from_db()
    assert appt.status == Status.BOOKED
    assert appt.start == dt.datetime.combine(day, dt.time(11, 15), tzinfo=ZoneInfo(ZONE))

    # --- the day before: the reminder job emails the patient the moved time -------------
    mail.outbox.clear()
    assert appointment_reminders_run(now=appt.start - dt.timedelta(hours=20)) == 1
    [reminder] = mail.outbox
    assert reminder.to == ["grace@example.com"] and "11:15" in reminder.subject
    assert appointment_reminders_run(now=appt.start - dt.timedelta(hours=19)) == 0

    # --- an urgent check-in nobody acknowledges escalates to the on-call surgeon ---------
    EscalationSettings.objects.create(clinic=clinic, escalation_minutes=30, on_call=surgeon)
    course = RecoveryCourseFactory(patient=patient)
    sent = timezone.now().replace(microsecond=0) - dt.timedelta(minutes=40)
    checkin = make_checkin(course, at=sent, temperature_c=38.6)
    assert checkin.level == "urgent"
    mail.outbox.clear()
    assert escalations_run(now=sent + dt.timedelta(minutes=29)) == 0
    assert escalations_run(now=sent + dt.timedelta(minutes=31)) == 1
    assert [m.to for m in mail.outbox] == [[surgeon.email]]
    desk.goto(base + f"/checkins/{checkin.pk}/")
    assert desk.get_by_text("Escalated to Dr Sam Okafor").is_visible()
    shot(desk, "appt-desk-05-escalated-alert")
