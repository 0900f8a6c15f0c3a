"""The team page in a real browser: every control of a colleague's row stays inside the
staff card on a phone and on a desktop (the role's Change button, the status badge and
"Reset two-step sign-in" were cut off by the card's edge)."""

from __future__ import annotations

from typing import Any

import pytest

from hipdip.web.accounts.models import Role

from ..browsers import DESKTOP, PHONE, new_page, shot, sign_in
from ..factories import ClinicFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLIPPED = """() => {
  const wrap = document.querySelector('.grid-team .table-wrap');
  const edge = wrap.getBoundingClientRect().right;
  return Array.from(wrap.querySelectorAll('button, a.btn, .badge, select'))
    .filter(e => e.getBoundingClientRect().right > edge + 1)
    .map(e => e.textContent.trim() || e.tagName);
}"""


def test_team_controls_stay_inside_the_staff_card(live_server: Any, browser: Any) -> None:
    clinic = ClinicFactory(name="Harbour Clinic")
    StaffFactory(
        clinic=clinic, role=Role.CLINIC_ADMIN, email="admin@example.com", full_name="Ruth Alvarez"
    )
    StaffFactory(clinic=clinic, role=Role.SURGEON, full_name="Dr Samuel Okafor-Whitfield")
    StaffFactory(clinic=clinic, role=Role.COORDINATOR, email="coordinator@example.com")
    for viewport, label in ((PHONE, "phone"), (DESKTOP, "desk")):
        page = new_page(browser, viewport)
        sign_in(page, live_server.url, "admin@example.com")
        page.goto(live_server.url + "/accounts/team/")
        shot(page, f"{label}-team-controls")
        assert page.evaluate(CLIPPED) == [], f"controls cut off on {label}"
        assert page.locator(".grid-team .badge", has_text="Active").count() == 3
        assert not page.js_errors, page.js_errors
