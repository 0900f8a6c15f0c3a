"""Starter content (the command a clinic runs once, and the demo) and search over it."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from hipdip.web.articles.models import ArticleCategory, ArticlePage
from hipdip.web.articles.selectors import highlight, site_search
from hipdip.web.articles.services import starter_content_install
from hipdip.web.articles.starter import ARTICLES, CATEGORIES

from ..conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter(world: World) -> None:
    starter_content_install(author=world.surgeon, reviewer=world.surgeon)


def test_command_installs_starter_content_once(world: World) -> None:
    out = StringIO()
    call_command("site_setup", clinic=world.surgeon.clinic.slug, stdout=out)
    assert "6 new categories, 8 new articles" in out.getvalue()
    article = ArticlePage.objects.get(slug="recovery-week-by-week")
    article.title = "Recovery, as our clinic does it"
    article.save_revision().publish()
    out = StringIO()
    call_command("site_setup", clinic=world.surgeon.clinic.slug, stdout=out)
    assert "0 new categories, 0 new articles" in out.getvalue()
    assert ArticlePage.objects.get(slug="recovery-week-by-week").title == (
        "Recovery, as our clinic does it"
    )
    # Nobody at the clinic has reviewed the starter text unless the command is told so.
    assert ArticlePage.objects.filter(reviewed_by__isnull=False).count() == 0


def test_command_refuses_an_unknown_clinic_or_a_reviewer_who_is_not_a_surgeon(
    world: World,
) -> None:
    with pytest.raises(CommandError):
        call_command("site_setup", clinic="no-such-clinic")
    with pytest.raises(CommandError):
        call_command(
            "site_setup", clinic=world.coordinator.clinic.slug, reviewed_by=world.coordinator.email
        )


def test_starter_articles_cover_the_subjects_and_cite_sources(starter: None) -> None:
    assert len(ARTICLES) >= 8
    assert {a.category for a in ARTICLES} == {c.slug for c in CATEGORIES}
    assert ArticleCategory.objects.count() == len(CATEGORIES)
    for article in ArticlePage.objects.live():
        text = article.plain_text
        cited = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
        assert cited, article.slug
        # Every number in the text points at a listed source, and every source is used.
        assert cited == set(range(1, len(article.references) + 1)), article.slug
        assert article.reading_minutes >= 1
    exercises = ArticlePage.objects.get(slug="exercises-for-the-hips")
    assert 'href="/exercises/"' in str(exercises.body)
    photos = ArticlePage.objects.get(slug="measuring-your-hip-dips-at-home")
    assert 'href="/guide/"' in str(photos.body)


def test_starter_articles_render_with_related_reading(starter: None) -> None:
    html = Client().get("/articles/recovery-week-by-week/").content.decode()
    assert "Week 1" in html and "When to call the clinic" in html
    assert "Sources" in html and "Related articles" in html


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("recovery", "recovery-week-by-week"),
        ("fat transfer", "hip-dip-surgery-liposuction-and-fat-transfer"),
        ("squats", "exercises-for-the-hips"),
        ("hip dip surgery cost", "hip-dip-surgery-liposuction-and-fat-transfer"),
    ],
)
def test_search_finds_what_a_reader_expects(starter: None, query: str, expected_first: str) -> None:
    hits = [h for h in site_search(query) if h.kind == "article"]
    slugs = [h.url.rstrip("/").rsplit("/", 1)[-1] for h in hits]
    assert expected_first in slugs[:2], (query, slugs)


def test_search_page_highlights_the_words_searched_for(starter: None) -> None:
    response = Client().get("/search/?q=squats")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Exercises for the hips" in html
    assert "<mark>squats</mark>" in html.lower() or "<mark>squat" in html.lower()
    assert 'value="squats"' in html


def test_search_finds_categories_and_handles_empty_and_odd_queries(starter: None) -> None:
    assert any(h.kind == "category" and h.title == "Recovery" for h in site_search("recovery"))
    assert Client().get("/search/").status_code == 200
    assert Client().get("/search/?q=%3Cscript%3E").status_code == 200
    assert "Nothing found" in Client().get("/search/?q=zzzyyxx").content.decode()


def test_search_as_you_type_returns_only_the_results(starter: None) -> None:
    response = Client().get("/search/?q=recovery", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "Recovery after hip dip surgery" in html


def test_highlight_escapes_text_and_marks_longer_forms() -> None:
    out = highlight("Do <b>squats</b> and a squat jump", ["squat"])
    assert "&lt;b&gt;" in out and "<mark>squats</mark>" in out and "<mark>squat</mark>" in out


def test_demo_creates_the_site(world: World) -> None:
    from hipdip.web.demo.site import demo_site

    staff = {
        "surgeon@example.com": world.surgeon,
        "coordinator@example.com": world.coordinator,
        "admin@example.com": world.clinic_admin,
    }
    result = demo_site(staff=staff)
    assert result.created_articles == len(ARTICLES)
    assert world.coordinator.groups.filter(name="Site editors").exists()
    assert Client().get("/articles/what-are-hip-dips/").status_code == 200


def test_search_suggests_a_spelling_for_a_typo(starter: None) -> None:
    html = Client().get("/search/?q=recovry").content.decode()
    assert 'Did you mean <a href="/search/?q=recovery">recovery</a>?' in html
    assert "Did you mean" not in Client().get("/search/?q=recovery").content.decode()
