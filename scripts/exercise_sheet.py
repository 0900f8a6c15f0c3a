"""Render every exercise figure, as the app draws it, onto one contact sheet (PNG) so the
figures can be looked at together: ``.venv/bin/python scripts/exercise_sheet.py``.

Writes ``docs/images/exercise-figures.png``. Needs Playwright and a Chromium (set
``HIPDIP_CHROMIUM`` if it is not ``/usr/bin/chromium``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images" / "exercise-figures.png"


def sheet_html() -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hipdip.web.settings.local")
    import django

    django.setup()
    from django.template.loader import render_to_string

    from hipdip.care.exercises import CATALOGUE
    from hipdip.web.exercises.figures import figure_for

    static = ROOT / "src" / "hipdip" / "web"
    css = (static / "core/static/hipdip/app.css").read_text()
    css += (static / "recovery/static/hipdip/care.css").read_text()
    cells = []
    for slug, exercise in CATALOGUE.items():
        figure = figure_for(slug)
        if figure is not None:
            svg = render_to_string("exercises/_figure.html", {"figure": figure})
            cells.append(f'<div class="cell"><h3>{exercise.name}</h3>{svg}</div>')
    page_css = (
        "body{background:#fff;padding:16px;width:1400px}"
        ".sheet{display:grid;grid-template-columns:repeat(4,1fr);gap:14px}"
        ".cell h3{margin:0 0 4px;font-size:15px}"
    )
    return (
        f"<!doctype html><html><head><meta charset=utf-8><style>{css}{page_css}</style>"
        f"</head><body><div class=sheet>{''.join(cells)}</div></body></html>"
    )


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "sheet.html"
        page_path.write_text(sheet_html())
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=os.environ.get("HIPDIP_CHROMIUM", "/usr/bin/chromium")
            )
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(page_path.as_uri())
            page.screenshot(path=str(OUT), full_page=True)
            browser.close()
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
