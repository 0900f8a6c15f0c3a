"""The public site in a real browser: a reader goes from the home page through search, an
article and a related article to the contact form; a coordinator sees the lead and invites
the reader as a patient. Each public page is checked with axe-core (no serious or critical
violations). Screenshots go to /tmp/shots."""

from __future__ import annotations

import time
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from hipdip.web.accounts.models import Invitation, Role
from hipdip.web.articles.services import starter_content_install
from hipdip.web.leads.models import Lead

from ..browsers import DESKTOP, PHONE, shot, sign_in
from ..factories import ClinicFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _axe_serious(page: Any) -> list[str]:
    """The serious and critical axe-core violations on the page, as 'rule: count'."""
    results = Axe().run(page)
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _context_page(chromium: Any, viewport: dict[str, int]) -> Any:
    # axe-core is injected by the test, which this site's script policy would refuse.
    context = chromium.new_context(viewport=viewport, device_scale_factor=1, bypass_csp=True)
    context.set_default_timeout(30_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    return page


def test_reader_finds_an_article_and_asks_the_clinic_who_invites_them(
    live_server: Any,
    browser: Any,
    settings: Any,
) -> None:
    clinic = ClinicFactory(name="Harbour Clinic", slug="harbour")
    surgeon = StaffFactory(
        clinic=clinic, role=Role.SURGEON, email="surgeon@example.com", full_name="Dr Ada Stone"
    )
    StaffFactory(
        clinic=clinic, role=Role.COORDINATOR, email="coord@example.com", full_name="Maya Chen"
    )
    starter_content_install(author=surgeon, reviewer=surgeon)
    settings.HIPDIP_SITE_CLINIC = "harbour"
    settings.HIPDIP_LEAD_MIN_FILL_SECONDS = 1
    base = live_server.url
    problems: dict[str, list[str]] = {}

    # --- the reader, on a phone ------------------------------------------------------
    page = _context_page(browser, PHONE)
    page.goto(base + "/")
    problems["home"] = _axe_serious(page)
    shot(page, "site-01-home")
    page.fill("#site-search-q", "recovery")
    page.press("#site-search-q", "Enter")
    page.wait_for_load_state("networkidle")
    assert "/search/?q=recovery" in page.url
    assert page.locator("mark").first.is_visible()
    problems["search"] = _axe_serious(page)
    shot(page, "site-02-search")

    page.get_by_role("link", name="Recovery after hip dip surgery, week by week").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Recovery after")
    assert page.get_by_text("Medically reviewed by Dr Ada Stone").is_visible()
    problems["article"] = _axe_serious(page)
    shot(page, "site-03-article")

    related = page.locator(".related a").first
    related_title = related.inner_text()
    related.click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).inner_text() == related_title

    page.locator(".article-aside").get_by_role("link", name="Get started").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/contact/")
    problems["contact"] = _axe_serious(page)
    page.fill("input[name=name]", "Robin Reader")
    page.fill("input[name=email]", "robin@example.org")
    page.check("input[name=interest][value=surgery]")
    page.fill("textarea[name=message]", "Could we talk about the recovery?")
    page.check("input[name=consent]")
    time.sleep(1.2)  # a person takes longer than the minimum fill time
    shot(page, "site-04-contact")
    page.get_by_role("button", name="Send").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/contact/thanks/")
    assert not page.js_errors, page.js_errors
    lead = Lead.objects.get(email="robin@example.org")
    assert lead.clinic == clinic

    # --- the coordinator, on a desktop -----------------------------------------------
    desk = _context_page(browser, DESKTOP)
    sign_in(desk, base, "coord@example.com")
    desk.goto(base + "/leads/")
    problems["leads"] = _axe_serious(desk)
    desk.get_by_role("link", name="Robin Reader").click()
    desk.wait_for_load_state("networkidle")
    desk.get_by_role("link", name="Invite as patient").click()
    desk.wait_for_load_state("networkidle")
    assert desk.input_value("input[name=full_name]") == "Robin Reader"
    assert desk.input_value("input[name=email]") == "robin@example.org"
    desk.get_by_role("button", name="Send invitation").click()
    desk.wait_for_load_state("networkidle")
    shot(desk, "site-05-invited")
    assert Invitation.objects.filter(user__email="robin@example.org", clinic=clinic).exists()

    assert not any(problems.values()), problems


def test_site_editor_opens_an_article_in_wagtail_without_script_errors(
    live_server: Any,
    browser: Any,
) -> None:
    from django.contrib.auth.models import Group

    from hipdip.web.articles.models import ArticlePage
    from hipdip.web.articles.services import SITE_EDITORS_GROUP

    clinic = ClinicFactory(name="Harbour Clinic", slug="harbour")
    surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON, email="surgeon@example.com")
    editor = StaffFactory(clinic=clinic, role=Role.COORDINATOR, email="coord@example.com")
    starter_content_install(author=surgeon)
    editor.groups.add(Group.objects.get(name=SITE_EDITORS_GROUP))
    article = ArticlePage.objects.get(slug="what-are-hip-dips")

    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    sign_in(page, live_server.url, "coord@example.com")
    page.goto(f"{live_server.url}/cms/pages/{article.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_title").input_value() == "What are hip dips?"
    shot(page, "site-06-cms-edit")
    assert not errors, errors
