"""The public site: articles, categories and tags, related and popular, metadata, feed,
sitemap and robots.txt, and who may open the editor at /cms/."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from hipdip.web.articles.models import ArticleDailyViews
from hipdip.web.articles.selectors import popular_articles, related_articles
from hipdip.web.articles.services import SITE_EDITORS_GROUP, site_editors_group_ensure

from ..conftest import World
from .conftest import Site, make_article

pytestmark = pytest.mark.django_db


def test_article_index_lists_published_articles_with_categories(site: Site) -> None:
    response = Client().get("/articles/")
    assert response.status_code == 200
    html = response.content.decode()
    for title in ("Fat grafting explained", "Liposuction basics", "Week one at home"):
        assert title in html
    assert 'href="/articles/category/surgery/"' in html
    assert '<link rel="canonical" href="http://testserver/articles/">' in html


def test_article_index_paginates(site: Site, world: World) -> None:
    for n in range(10):
        make_article(site.index, title=f"Extra {n}", category=site.recovery, author=world.surgeon)
    first = Client().get("/articles/").content.decode()
    second = Client().get("/articles/?page=2").content.decode()
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert first.count('class="card card-tight article-card"') == 10
    assert second.count('class="card card-tight article-card"') == 3


def test_category_and_tag_pages_list_only_their_articles(site: Site) -> None:
    surgery = Client().get("/articles/category/surgery/").content.decode()
    assert "Fat grafting explained" in surgery and "Liposuction basics" in surgery
    assert "Week one at home" not in surgery
    tag = Client().get("/articles/tag/fat-grafting/").content.decode()
    assert "Fat grafting explained" in tag and "Liposuction basics" not in tag
    assert Client().get("/articles/category/nothing/").status_code == 404
    assert Client().get("/articles/tag/nothing/").status_code == 404


def test_article_page_shows_author_review_reading_time_and_sources_of_metadata(
    site: Site, world: World
) -> None:
    response = Client().get("/articles/fat-grafting-explained/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"By {world.surgeon.full_name}" in html
    assert f"Medically reviewed by {world.surgeon.full_name} on" in html
    assert "2 min read" in html  # about 400 words at 200 a minute
    assert (
        '<link rel="canonical" href="http://testserver/articles/fat-grafting-explained/">' in html
    )
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Fat grafting explained">' in html
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert ld is not None
    data = json.loads(ld.group(1))
    assert data["@type"] == "MedicalWebPage"
    assert data["mainEntity"]["@type"] == "Article"
    assert data["reviewedBy"]["name"] == world.surgeon.full_name
    assert data["lastReviewed"] == "2026-11-02"


def test_article_author_must_be_clinic_staff(site: Site, world: World) -> None:
    from django.core.exceptions import ValidationError

    article = site.articles["b"]
    article.author = world.patient
    with pytest.raises(ValidationError) as err:
        article.full_clean()
    assert "author" in err.value.message_dict


def test_related_articles_share_category_or_tags_then_editors_picks(
    site: Site, world: World
) -> None:
    a, b, c = site.articles["a"], site.articles["b"], site.articles["c"]
    assert related_articles(a) == [b]
    a.picks.create(target=c)
    assert related_articles(a) == [b, c]
    html = Client().get(a.url).content.decode()
    assert "Related articles" in html and 'href="/articles/liposuction-basics/"' in html


def test_reading_counts_for_popular_without_cookies(site: Site) -> None:
    client = Client()
    for _ in range(3):
        response = client.get("/articles/week-one-at-home/")
        assert not response.cookies
    client.get("/articles/liposuction-basics/")
    client.get("/articles/liposuction-basics/", HTTP_USER_AGENT="Googlebot/2.1")
    assert popular_articles() == [site.articles["c"], site.articles["b"]]
    row = ArticleDailyViews.objects.get(article=site.articles["c"])
    assert row.views == 3
    assert {f.name for f in ArticleDailyViews._meta.get_fields()} == {
        "id",
        "article",
        "day",
        "views",
    }


def test_feed_sitemap_and_robots(site: Site) -> None:
    feed = Client().get("/feed/")
    assert feed.status_code == 200 and b"<rss" in feed.content
    assert b"Fat grafting explained" in feed.content
    sitemap = Client().get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert b"/articles/fat-grafting-explained/</loc>" in sitemap.content
    robots = Client().get("/robots.txt")
    assert robots.status_code == 200
    assert robots["Content-Type"].startswith("text/plain")
    assert (
        b"Disallow: /cms/" in robots.content
        and b"Sitemap: http://testserver/sitemap.xml" in robots.content
    )


def test_home_page_still_works_and_links_the_latest_articles(site: Site) -> None:
    home = Client().get("/")
    assert home.status_code == 200
    assert b"normal anatomy" in home.content
    assert b'href="/articles/week-one-at-home/"' in home.content


def test_search_box_is_on_every_page(site: Site) -> None:
    for url in ("/", "/guide/", "/articles/", "/articles/liposuction-basics/"):
        assert b'role="search"' in Client().get(url).content, url


# --- the editor at /cms/ -------------------------------------------------------------


def test_cms_sends_the_anonymous_to_the_apps_sign_in(site: Site) -> None:
    response = Client().get("/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_patient_never_opens_the_cms_even_in_the_editors_group(
    site: Site, world: World, web_client: Callable[..., Client]
) -> None:
    world.patient.groups.add(site_editors_group_ensure())
    response = web_client(world.patient).get("/cms/")
    assert response.status_code == 403
    assert web_client(world.patient).get("/cms/pages/").status_code == 403


def test_staff_without_the_editor_permission_get_no_access(
    site: Site, world: World, web_client: Callable[..., Client]
) -> None:
    response = web_client(world.coordinator).get("/cms/")
    assert response.status_code == 302
    assert "/cms/" not in response["Location"] or "login" in response["Location"]
    page_edit = web_client(world.coordinator).get(f"/cms/pages/{site.articles['a'].pk}/edit/")
    assert page_edit.status_code == 302


def test_site_editor_can_open_edit_and_publish(
    site: Site, world: World, web_client: Callable[..., Client]
) -> None:
    site_editors_group_ensure()
    world.coordinator.groups.add(Group.objects.get(name=SITE_EDITORS_GROUP))
    client = web_client(world.coordinator)
    assert client.get("/cms/").status_code == 200
    article = site.articles["b"]
    assert client.get(f"/cms/pages/{article.pk}/edit/").status_code == 200
    perms = article.permissions_for_user(world.coordinator)
    assert perms.can_edit() and perms.can_publish() and perms.can_unpublish()
    assert not site.articles["a"].permissions_for_user(world.surgeon).can_edit()


def test_editors_group_setup_is_idempotent(db: Any) -> None:
    first = site_editors_group_ensure()
    again = site_editors_group_ensure()
    assert first.pk == again.pk
    assert first.permissions.filter(codename="access_admin").count() == 1


def test_first_page_weighs_under_300_kb_without_photos(site: Site) -> None:
    client = Client()
    html = client.get("/").content
    total = len(html)
    for url in re.findall(rb'(?:href|src)="(/static/[^"]+)"', html):
        response = client.get(url.decode())
        assert response.status_code == 200, url
        total += len(b"".join(response.streaming_content))
    assert total < 300 * 1024, total
