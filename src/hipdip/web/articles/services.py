"""Writes for the public site: the anonymous read counter, the editors' group, and the
page tree the site needs (home page, article index)."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from hipdip.web.articles.models import ArticleDailyViews, ArticleIndexPage, ArticlePage, HomePage

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


@transaction.atomic
def site_tree_ensure(*, index_title: str = "Articles") -> ArticleIndexPage:
    """The home page as the default site's root and the article index at /articles/;
    creates what is missing (Wagtail's own placeholder welcome page is removed)."""
    root = Page.get_first_root_node()
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
