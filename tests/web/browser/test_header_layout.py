"""The header in a real browser: one row for staff on a laptop (1280 and 1366 px wide),
every link still reachable from the keyboard, and the phone menu behind its button.
Screenshots go to /tmp/shots (``header-<role>-<width>``) to be looked at."""

from __future__ import annotations

from typing import Any

import pytest

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role
from hipdip.web.messaging.services import message_send

from ..browsers import PHONE, new_page, shot, sign_in
from ..factories import ClinicFactory, PatientFactory, StaffFactory
from ..recovery.factories import RecoveryCourseFactory, make_checkin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOPS = ({"width": 1280, "height": 800}, {"width": 1366, "height": 768})


@pytest.fixture
def people() -> dict[str, str]:
    """Sign-in emails by role, with long names and a long clinic name (the worst case)."""
    clinic = ClinicFactory(name="Harbour Aesthetic Surgery Clinic")
    admin = StaffFactory(
        clinic=clinic,
        role=Role.CLINIC_ADMIN,
        email="admin@example.com",
        full_name="Alexandra Montgomery-Whitfield",
    )
    StaffFactory(
        clinic=clinic, role=Role.COORDINATOR, email="coord@example.com", full_name="Maya Chen"
    )
    grace = PatientFactory(
        clinic=clinic, user__full_name="Grace Hopper", user__email="grace@example.com"
    )
    # Grace's menu has Recovery, Training and "Messages (2)"; the staff's has
    # "Check-ins (10)" and "Messages (12)".
    RecoveryCourseFactory(patient=grace)
    for n in range(2):
        message_send(actor=Actor(admin, "web"), patient=grace, body=f"Answer {n}")
    other = PatientFactory(clinic=clinic)
    for n in range(12):
        message_send(actor=Actor(other.user, "web"), patient=other, body=f"Question {n}")
    for _ in range(10):
        course = RecoveryCourseFactory(patient=PatientFactory(clinic=clinic))
        make_checkin(course, symptoms=["heavy_bleeding"])
    return {"admin": "admin@example.com", "coordinator": "coord@example.com"}


def header_rows(page: Any) -> set[int]:
    """The distinct vertical centres (px, rounded) of the header's visible menu entries:
    one value when they all sit on one row."""
    centres = page.eval_on_selector_all(
        "header .nav > :is(a, form, details)",
        "els => els.filter(e => e.offsetParent !== null).map(e => {"
        " const r = e.getBoundingClientRect(); return Math.round(r.top + r.height / 2); })",
    )
    return set(centres)


def test_the_staff_header_is_one_row_on_a_laptop(
    live_server: Any, browser: Any, people: dict[str, str]
) -> None:
    base = live_server.url
    for role, email in people.items():
        for viewport in LAPTOPS:
            page = new_page(browser, viewport)
            sign_in(page, base, email)
            page.goto(base + "/patients/")
            header = page.locator("header.site-header").bounding_box()
            centres = header_rows(page)
            shot(page, f"header-{role}-{viewport['width']}")
            assert len(centres) == 1 and header["height"] <= 72, (role, viewport, centres)
            assert page.get_by_role("link", name="Check-ins (10)").is_visible()
            assert page.get_by_role("link", name="Messages (12)").is_visible()
            account = page.get_by_role("link", name="Alexandra" if role == "admin" else "Maya")
            assert account.is_visible()  # the initial, named by the person's name
            # Everything the menu holds is reachable: the less used links open from
            # "More" with the keyboard (a native disclosure).
            more = page.locator("header details.nav-more")
            assert more.count() == 1
            more.locator("summary").focus()
            page.keyboard.press("Enter")
            links = more.get_by_role("link")
            assert links.first.is_visible()
            names = set(links.all_inner_texts())
            assert {"Invite", "Photo guide"} <= names
            assert ({"Team", "Audit log", "Escalation"} <= names) is (role == "admin")
            shot(page, f"header-{role}-{viewport['width']}-more")
            page.keyboard.press("Escape")
            assert not links.first.is_visible()
            assert page.js_errors == []
            page.context.close()


def test_the_open_staff_menu_has_no_serious_accessibility_problem(
    live_server: Any, browser: Any, people: dict[str, str]
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    # axe-core is injected by the test, which this site's script policy would refuse.
    context = browser.new_context(viewport=LAPTOPS[0], bypass_csp=True)
    page = context.new_page()
    sign_in(page, live_server.url, people["admin"])
    page.locator("header details.nav-more > summary").click()
    results = Axe().run(page, context="header.site-header")
    serious = [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    context.close()


def test_on_a_phone_the_menu_opens_from_its_button_as_one_column(
    live_server: Any, browser: Any, people: dict[str, str]
) -> None:
    base = live_server.url
    for role, email in {**people, "patient": "grace@example.com"}.items():
        page = new_page(browser, PHONE)
        sign_in(page, base, email)
        nav = page.locator("#main-nav")
        assert not nav.is_visible()
        shot(page, f"header-{role}-390")
        page.get_by_role("button", name="Menu").click()
        assert nav.is_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (role, width)  # nothing sticks out sideways
        assert nav.get_by_role("button", name="Sign out").is_visible()
        shot(page, f"header-{role}-390-open")
        nav.locator("details.nav-more > summary").click()  # opens in place, in the column
        assert nav.get_by_role("link", name="Photo guide").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shot(page, f"header-{role}-390-more")
        assert page.js_errors == []
        page.context.close()


def test_a_patient_header_is_one_row_on_a_laptop(
    live_server: Any, browser: Any, people: dict[str, str]
) -> None:
    page = new_page(browser, LAPTOPS[0])
    sign_in(page, live_server.url, "grace@example.com")
    shot(page, "header-patient-1280")
    assert len(header_rows(page)) == 1
    for name in ("My measurements", "Recovery", "Training", "Messages (2)"):
        assert page.locator("header").get_by_role("link", name=name).is_visible()
    more = page.locator("header details.nav-more")
    more.locator("summary").click()
    names = set(more.get_by_role("link").all_inner_texts())
    assert {"Notifications", "Articles", "Search articles", "Photo guide"} <= names
    more.get_by_role("link", name="Search articles").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Search the articles").is_visible()
    page.context.close()
