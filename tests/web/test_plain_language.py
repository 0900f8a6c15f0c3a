"""Templates speak the clinic's language: none of the product's internal notes show."""

from __future__ import annotations

from pathlib import Path

import pytest

import hipdip.web

WEB = Path(hipdip.web.__file__).parent
INTERNAL = ("CLINICAL.md", "DEFINITION.md", "[S]", "sign-off", "product brief")
TEMPLATES = sorted(p for p in WEB.rglob("templates/**/*") if p.is_file())


def test_there_are_templates_to_check() -> None:
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(WEB)))
def test_no_internal_note_reaches_a_template(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    assert not [m for m in INTERNAL if m in text]


def test_starter_articles_cite_no_internal_notes() -> None:
    from hipdip.web.articles.starter import EXTRA_SOURCES

    for text in EXTRA_SOURCES.values():
        assert not [m for m in INTERNAL if m in text], text
