"""What the real-browser tests share: headless Chromium (Debian's) for a test module,
pages with their JavaScript errors collected, screenshots and signing in. The ``browser``
fixture in ``tests/web/conftest.py`` launches it. Screenshots go to /tmp/shots (phone
390x844, desktop 1366x900) to be looked at."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from .factories import PASSWORD

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(os.environ.get("HIPDIP_SHOTS", "/tmp/shots"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@contextmanager
def chromium() -> Iterator[Any]:
    """A launched headless Chromium; skips (fails under HIPDIP_REQUIRE_SERVICES) without it."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        if os.environ.get("HIPDIP_REQUIRE_SERVICES"):
            pytest.fail("Chromium is not installed at /usr/bin/chromium")
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    # Playwright's sync API keeps an event loop on this thread; the ORM calls made by the
    # test itself between browser steps are still plain synchronous code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def new_page(
    browser: Any, viewport: dict[str, int], *, touch: bool = False, http_errors: bool = False
) -> Any:
    """A page in a fresh context whose ``js_errors`` collects page errors and console
    errors (and, with ``http_errors``, every answer of status 400 or more)."""
    context = browser.new_context(viewport=viewport, device_scale_factor=1, has_touch=touch)
    context.set_default_timeout(30_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    if http_errors:
        page.on(
            "response",
            lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
    page.js_errors = errors
    return page


def shot(page: Any, name: str) -> None:
    """A full-page screenshot from the top, as SHOTS/<name>.png."""
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def sign_in(page: Any, base: str, email: str) -> None:
    """Sign in through the login form with the factories' password."""
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")  # not the header's search box
    page.wait_for_load_state("networkidle")
