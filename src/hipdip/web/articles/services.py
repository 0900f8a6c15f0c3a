"""Writes for the public site: the anonymous read counter, the editors' group, the page
tree the site needs (home page, article index) and the starter content."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
)
from wagtail.rich_text import RichText

from hipdip.web.accounts.models import Role, User
from hipdip.web.articles import starter
from hipdip.web.articles.models import (
    ArticleCategory,
    ArticleDailyViews,
    ArticleIndexPage,
    ArticlePage,
    ArticlePick,
    HomePage,
)
from hipdip.web.articles.starter import StarterArticle, citation

SITE_EDITORS_GROUP = "Site editors"
#: User agents of crawlers and link previews, which are not readers.
ROBOT_MARKERS = ("bot", "crawl", "spider", "slurp", "preview", "monitor", "headless")


def article_view_record(*, article: ArticlePage, user_agent: str) -> None:
    """Count one read of ``article`` today. Nothing about the reader is kept; crawlers
    (by their user agent) are not counted."""
    agent = user_agent.lower()
    if any(marker in agent for marker in ROBOT_MARKERS):
        return
    day = timezone.localdate()
    updated = ArticleDailyViews.objects.filter(article=article, day=day).update(
        views=F("views") + 1
    )
    if not updated:
        with transaction.atomic():
            row, created = ArticleDailyViews.objects.select_for_update().get_or_create(
                article=article, day=day, defaults={"views": 1}
            )
            if not created:
                ArticleDailyViews.objects.filter(pk=row.pk).update(views=F("views") + 1)


def _roots() -> Page:
    """Wagtail's tree root, root collection and default locale, which its migrations make;
    made again if a database was emptied without re-running them (``flush``)."""
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    return root


@transaction.atomic
def site_tree_ensure(*, index_title: str = "Articles") -> ArticleIndexPage:
    """The home page as the default site's root and the article index at /articles/;
    creates what is missing (Wagtail's own placeholder welcome page is removed)."""
    root = _roots()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="Home", slug="site-home")
        root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True, root_page=home)
    site.root_page = home
    site.site_name = site.site_name or "hipdip"
    site.save()
    for placeholder in Page.objects.child_of(root).exact_type(Page):
        if placeholder.numchild == 0:
            placeholder.delete()
    index = ArticleIndexPage.objects.first()
    if index is None:
        index = ArticleIndexPage(title=index_title, slug="articles")
        home.add_child(instance=index)
    return index


@transaction.atomic
def site_editors_group_ensure() -> Group:
    """The "Site editors" group: may open /cms/, write, publish and unpublish pages,
    upload pictures, and edit categories. Membership is what makes a staff member an
    editor (patients are refused at /cms/ whatever their groups)."""
    group, _ = Group.objects.get_or_create(name=SITE_EDITORS_GROUP)
    _roots()
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="articles",
            codename__in=["add_articlecategory", "change_articlecategory"],
        ),
    )
    root = Page.get_first_root_node()
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    collection = Collection.get_first_root_node()
    for codename in ("add_image", "change_image", "choose_image"):
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(
                content_type__app_label="wagtailimages", codename=codename
            ),
        )
    return group


@dataclass(frozen=True)
class StarterResult:
    index: ArticleIndexPage
    created_categories: int
    created_articles: int


def _starter_body(article: StarterArticle) -> list[tuple[str, Any]]:
    body: list[tuple[str, Any]] = []
    for number, (heading, paragraphs) in enumerate(article.sections):
        if heading:
            body.append(("heading", heading))
        body.append(("paragraph", RichText("".join(paragraphs))))
        if number == 0:
            for kind, text in article.callouts:
                body.append(("callout", {"kind": kind, "text": RichText(text)}))
    return body


@transaction.atomic
def starter_content_install(
    *, author: User, reviewer: User | None = None, reviewed_on: dt.date | None = None
) -> StarterResult:
    """Create the site tree, the editors' group, and the starter categories and articles
    that are missing (by slug). Articles that exist are left as the clinic edited them.

    ``reviewer`` (a surgeon) is recorded as the medical reviewer only when given: the
    starter text has not been reviewed by anyone at the clinic until a surgeon says so.
    """
    if not author.is_clinic_staff:
        raise ValueError("The author of the starter articles must be clinic staff.")
    if reviewer is not None and reviewer.role != Role.SURGEON:
        raise ValueError("The medical reviewer must be a surgeon.")
    index = site_tree_ensure()
    site_editors_group_ensure()
    categories: dict[str, ArticleCategory] = {}
    created_categories = 0
    for order, cat in enumerate(starter.CATEGORIES):
        categories[cat.slug], created = ArticleCategory.objects.get_or_create(
            slug=cat.slug,
            defaults={"name": cat.name, "description": cat.description, "sort_order": order},
        )
        created_categories += created
    new: list[tuple[StarterArticle, ArticlePage]] = []
    for art in starter.ARTICLES:
        if ArticlePage.objects.filter(slug=art.slug).exists():
            continue
        page = ArticlePage(
            title=art.title,
            slug=art.slug,
            summary=art.summary,
            body=_starter_body(art),
            references=[("reference", {"citation": citation(s), "url": ""}) for s in art.sources],
            category=categories[art.category],
            author=author,
            reviewed_by=reviewer,
            reviewed_on=(reviewed_on or timezone.localdate()) if reviewer else None,
        )
        index.add_child(instance=page)
        page.tags.add(*art.tags)
        # The revision names the author; publishing is the installer's act, not theirs.
        page.save_revision(user=author).publish()
        new.append((art, page))
    for art, page in new:
        for order, slug in enumerate(art.picks):
            target = ArticlePage.objects.filter(slug=slug).first()
            if target is not None:
                ArticlePick.objects.create(article=page, target=target, sort_order=order)
    return StarterResult(
        index=index, created_categories=created_categories, created_articles=len(new)
    )
