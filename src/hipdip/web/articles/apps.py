from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """The public site's articles (Wagtail pages), search, feed, sitemap and robots.txt."""

    name = "hipdip.web.articles"
    label = "articles"
    verbose_name = "Articles"
