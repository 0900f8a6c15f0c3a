"""Fixtures for the public site: the page tree, categories and a few articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from wagtail.rich_text import RichText

from hipdip.web.accounts.models import User
from hipdip.web.articles.models import ArticleCategory, ArticleIndexPage, ArticlePage
from hipdip.web.articles.services import site_tree_ensure


def make_article(
    index: ArticleIndexPage,
    *,
    title: str,
    category: ArticleCategory,
    author: User,
    text: str = "Hip dips are a normal part of how a pelvis is built.",
    summary: str = "A short summary.",
    tags: Sequence[str] = (),
    reviewed_by: User | None = None,
    words: int = 0,
) -> ArticlePage:
    """A published article; ``words`` pads the body to that many extra words."""
    body_text = text + (" word" * words)
    page = ArticlePage(
        title=title,
        summary=summary,
        body=[("heading", "In short"), ("paragraph", RichText(f"<p>{body_text}</p>"))],
        category=category,
        author=author,
        reviewed_by=reviewed_by,
        reviewed_on=None if reviewed_by is None else dt.date(2026, 11, 2),
    )
    index.add_child(instance=page)
    for tag in tags:
        page.tags.add(tag)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@dataclass
class Site:
    index: ArticleIndexPage
    surgery: ArticleCategory
    recovery: ArticleCategory
    articles: dict[str, ArticlePage]


@pytest.fixture
def site(world: Any) -> Site:
    index = site_tree_ensure()
    surgery = ArticleCategory.objects.create(
        name="Surgery", slug="surgery", description="Liposuction and fat transfer."
    )
    recovery = ArticleCategory.objects.create(
        name="Recovery", slug="recovery", description="The weeks after surgery."
    )
    a = make_article(
        index,
        title="Fat grafting explained",
        category=surgery,
        author=world.surgeon,
        tags=["fat grafting", "liposuction"],
        reviewed_by=world.surgeon,
        words=390,
    )
    b = make_article(
        index,
        title="Liposuction basics",
        category=surgery,
        author=world.coordinator,
        tags=["liposuction"],
    )
    c = make_article(
        index,
        title="Week one at home",
        category=recovery,
        author=world.coordinator,
        tags=["recovery"],
    )
    return Site(index=index, surgery=surgery, recovery=recovery, articles={"a": a, "b": b, "c": c})
