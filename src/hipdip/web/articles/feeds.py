"""The article feed at /feed/ (RSS 2.0)."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed

from hipdip.web.articles.models import ArticlePage
from hipdip.web.articles.selectors import published_articles

FEED_ITEMS = 20


class ArticleFeed(Feed):  # type: ignore[type-arg]
    title = "Articles about hip dips"
    link = "/articles/"
    description = "New articles from the clinic: hip dips, surgery, recovery and training."

    def items(self) -> list[ArticlePage]:
        return list(published_articles().order_by("-first_published_at", "-pk")[:FEED_ITEMS])

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.summary

    def item_link(self, item: ArticlePage) -> str:
        return item.url or "/articles/"

    def item_pubdate(self, item: ArticlePage) -> dt.datetime | None:
        return item.first_published_at

    def item_author_name(self, item: ArticlePage) -> str | None:
        return item.author.full_name if item.author else None

    def item_categories(self, item: ArticlePage) -> list[str]:
        return [item.category.name] if item.category else []
