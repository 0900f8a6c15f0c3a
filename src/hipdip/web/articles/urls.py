"""The public site's own routes: the editor (/cms/), search, feed, sitemap, robots.txt and
article pictures. The Wagtail page tree (``/articles/...``) is served by the catch-all
that ``hipdip.web.urls`` adds last."""

from __future__ import annotations

from django.urls import include, path, re_path
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.images.views.serve import ServeView

from hipdip.web.articles import views
from hipdip.web.articles.cms import cms_urlpatterns
from hipdip.web.articles.feeds import ArticleFeed

urlpatterns = [
    path("cms/", include(cms_urlpatterns())),
    path("search/", views.search, name="site_search"),
    path("feed/", ArticleFeed(), name="site_feed"),
    path("sitemap.xml", sitemap, name="site_sitemap"),
    path("robots.txt", views.robots_txt, name="site_robots"),
    # Article pictures only (Wagtail images), by signed URL; patient photos never are.
    re_path(
        r"^site-images/([^/]*)/(\d*)/([^/]*)/[^/]*$",
        ServeView.as_view(action="serve"),
        name="wagtailimages_serve",
    ),
]
