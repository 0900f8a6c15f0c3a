"""Real-browser flow of issue 12 in headless Chromium: a patient writes to the clinic
from a phone with a photo; a coordinator lands on the staff home, sees the alert, the
message, today's visit and the new lead, opens the patient's summary and the filtered
patient list, and replies. Screenshots go to /tmp/shots."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role
from hipdip.web.appointments.models import Appointment, Status
from hipdip.web.appointments.services.types import appointment_types_ensure
from hipdip.web.leads.models import Lead
from hipdip.web.messaging.models import Message
from hipdip.web.patients.services import patient_contact_update

from ..browsers import DESKTOP, PHONE, new_page, shot, sign_in
from ..conftest import FRONT_PHOTO
from ..factories import ClinicFactory, PatientFactory, PhotoFactory, StaffFactory
from ..recovery.factories import RecoveryCourseFactory, make_checkin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _axe_serious(page: Any) -> list[str]:
    """The serious and critical axe-core violations on the page."""
    results = Axe().run(page)
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _desk_page(browser: Any) -> Any:
    # axe-core is injected by the test, which this site's script policy would refuse.
    context = browser.new_context(viewport=DESKTOP, device_scale_factor=1, bypass_csp=True)
    context.set_default_timeout(30_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    return page


def test_patient_writes_and_staff_see_it_on_their_home_and_summary(
    live_server: Any, browser: Any
) -> None:
    clinic = ClinicFactory(name="Harbour Clinic")
    patient = PatientFactory(
        clinic=clinic, user__full_name="Grace Hopper", user__email="grace@example.com"
    )
    PatientFactory(clinic=clinic, user__full_name="Ada Lovelace")
    coord = StaffFactory(
        clinic=clinic, role=Role.COORDINATOR, email="coord@example.com", full_name="Maya Chen"
    )
    surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON, full_name="Dr Sam Okafor")
    PhotoFactory(session__patient=patient)
    patient_contact_update(
        actor=Actor(coord, "web"),
        patient=patient,
        phone="020 7946 0011",
        preferred_contact="phone",
        emergency_contact_name="Alan Turing",
        emergency_contact_relation="friend",
        emergency_contact_phone="020 7946 0099",
    )
    course = RecoveryCourseFactory(patient=patient)
    make_checkin(course, symptoms=["heavy_bleeding"])
    now = timezone.now()
    start = (now + dt.timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    if start.date() != now.date():
        start = now.replace(minute=0, second=0, microsecond=0)
    kind = appointment_types_ensure(clinic=clinic)[0]
    Appointment.objects.create(
        clinic=clinic,
        patient=patient,
        staff=surgeon,
        type=kind,
        start=start,
        end=start + dt.timedelta(minutes=30),
        status=Status.BOOKED,
    )
    Lead.objects.create(
        clinic=clinic,
        name="Robin Reader",
        email="robin@example.org",
        interest="surgery",
        consent_at=now,
    )
    base = live_server.url

    # --- the patient, on a phone ---------------------------------------------------------
    page = new_page(browser, PHONE)
    sign_in(page, base, "grace@example.com")
    page.goto(f"{base}/patients/{patient.pk}/messages/")
    page.fill("textarea[name=body]", "Is this much bruising normal on day 10?")
    page.set_input_files("input[name=photo]", str(FRONT_PHOTO[0]))
    page.get_by_role("button", name="Send").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".msg").count() == 1
    assert page.locator("img.msg-photo").evaluate("img => img.naturalWidth") > 0
    shot(page, "phone-msg-1-thread")
    assert not page.js_errors, page.js_errors

    # --- the coordinator, on a desktop ---------------------------------------------------
    desk = _desk_page(browser)
    problems: dict[str, list[str]] = {}
    sign_in(desk, base, "coord@example.com")
    assert desk.url.endswith("/staff/")
    home = desk.locator("main").inner_text()
    assert "Robin Reader" in home and "Grace Hopper" in home and "1 new" in home
    shot(desk, "desk-ws-1-staff-home")
    # The two cards of each row of the home grid line up (the second of each pair sat
    # 20 px lower: the site-wide space between stacked cards applied inside the grid).
    tops = desk.evaluate(
        "['alerts', 'visits', 'messages'].map(id => document.getElementById(id)"
        ".getBoundingClientRect().top)"
    )
    assert abs(tops[0] - tops[1]) < 1, tops
    problems["home"] = _axe_serious(desk)

    desk.goto(f"{base}/patients/{patient.pk}/")
    assert desk.locator("#summary-alert").is_visible()
    summary = desk.locator("#patient-summary").inner_text()
    assert "Recovery day 10" in summary and "1 unread message" in summary
    assert desk.locator('a[href="tel:+442079460011"]').count() >= 1
    shot(desk, "desk-ws-2-patient-summary")
    problems["summary"] = _axe_serious(desk)

    desk.goto(f"{base}/patients/?alert=on")
    rows = desk.locator("#patient-table tbody tr")
    assert rows.count() == 1 and "Open alert" in rows.first.inner_text()
    shot(desk, "desk-ws-3-patient-list-alerts")
    problems["list"] = _axe_serious(desk)

    desk.goto(f"{base}/patients/{patient.pk}/messages/")
    desk.fill("textarea[name=body]", "Yes, that is expected. Keep the garment on.")
    desk.get_by_role("button", name="Send").click()
    desk.wait_for_load_state("networkidle")
    shot(desk, "desk-ws-4-thread-reply")
    problems["thread"] = _axe_serious(desk)
    desk.set_viewport_size(PHONE)
    desk.goto(f"{base}/staff/")
    shot(desk, "phone-ws-5-staff-home")
    desk.goto(f"{base}/patients/{patient.pk}/")
    shot(desk, "phone-ws-6-patient-summary")
    assert not any(problems.values()), problems
    assert Message.objects.filter(from_patient=False).count() == 1
    assert not desk.js_errors, desk.js_errors
