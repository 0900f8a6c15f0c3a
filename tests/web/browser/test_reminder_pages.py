"""Real-browser checks of the reminder pages: a patient sets quiet hours on a phone; a
clinic admin names the on-call surgeon; a coordinator sees the escalation on the alert.
Screenshots go to /tmp/shots."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from hipdip.web.accounts.models import Role
from hipdip.web.notifications.models import NotificationPreference
from hipdip.web.reminders.models import EscalationSettings
from hipdip.web.reminders.services import escalations_run

from ..browsers import DESKTOP, PHONE, new_page, shot, sign_in
from ..factories import ClinicFactory, PatientFactory, StaffFactory
from ..recovery.factories import RecoveryCourseFactory, make_checkin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_quiet_hours_on_call_and_the_escalated_alert(live_server: Any, browser: Any) -> None:
    clinic = ClinicFactory(name="Harbour Clinic")
    patient = PatientFactory(clinic=clinic, user__email="grace@example.com")
    StaffFactory(clinic=clinic, role=Role.CLINIC_ADMIN, email="admin@example.com")
    surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON, full_name="Dr Sam Okafor")
    StaffFactory(clinic=clinic, email="coord@example.com")
    base = live_server.url

    page = new_page(browser, PHONE)
    sign_in(page, base, "grace@example.com")
    page.goto(base + "/account/notifications/")
    page.get_by_label("Email and text message").check()
    page.fill("input[name=phone]", "+44 7911 123456")
    page.fill("input[name=quiet_start]", "22:00")
    page.fill("input[name=quiet_end]", "07:00")
    shot(page, "phone-notifications-settings")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Your notification settings are saved.").is_visible()
    pref = NotificationPreference.objects.get(user=patient.user)
    assert (pref.channels, pref.quiet_start) == ("both", dt.time(22, 0))

    admin = new_page(browser, DESKTOP)
    sign_in(admin, base, "admin@example.com")
    admin.goto(base + "/clinic/escalation/")
    admin.fill("input[name=escalation_minutes]", "15")
    admin.select_option("select[name=on_call]", label="Dr Sam Okafor")
    shot(admin, "desktop-escalation-settings")
    admin.get_by_role("button", name="Save").click()
    admin.wait_for_load_state("networkidle")
    assert EscalationSettings.objects.get(clinic=clinic).on_call == surgeon

    course = RecoveryCourseFactory(patient=patient)
    checkin = make_checkin(course, at=timezone.now() - dt.timedelta(minutes=20), temperature_c=38.6)
    assert escalations_run(now=timezone.now()) == 1
    coord = new_page(browser, DESKTOP)
    sign_in(coord, base, "coord@example.com")
    coord.goto(f"{base}/checkins/{checkin.pk}/")
    assert coord.locator("[data-escalation]").inner_text().startswith("Escalated to Dr Sam Okafor")
    shot(coord, "desktop-alert-escalated")
