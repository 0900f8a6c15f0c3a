"""Reads for the public site: latest, popular and related articles, and search with
highlighted excerpts."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.query import PageQuerySet
from wagtail.search.backends import get_search_backend

from hipdip.web.articles.models import ArticleCategory, ArticlePage

#: "Popular" counts the reads of the last this many days.
POPULAR_WINDOW_DAYS = 30
EXCERPT_CHARS = 220
SEARCH_MAX_RESULTS = 50
#: Words too common to highlight or to match on their own.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "at",
        "be",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "my",
        "of",
        "on",
        "or",
        "the",
        "to",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
    ]
)


def published_articles() -> PageQuerySet:
    return ArticlePage.objects.live().public().select_related("category", "author")


def latest_articles(*, limit: int = 3) -> list[ArticlePage]:
    return list(published_articles().order_by("-first_published_at", "-pk")[:limit])


def popular_articles(*, limit: int = 5, today: dt.date | None = None) -> list[ArticlePage]:
    """The most read articles over the last POPULAR_WINDOW_DAYS days (only articles that
    were read at all)."""
    since = (today or timezone.localdate()) - dt.timedelta(days=POPULAR_WINDOW_DAYS)
    return list(
        published_articles()
        .annotate(recent_views=Sum("daily_views__views", filter=Q(daily_views__day__gt=since)))
        .filter(recent_views__gt=0)
        .order_by("-recent_views", "title")[:limit]
    )


def related_articles(article: ArticlePage, *, limit: int = 3) -> list[ArticlePage]:
    """Articles sharing the category or tags (most shared tags first), then editor's picks."""
    tag_ids = [tag.id for tag in article.tags.all()]
    shared = (
        published_articles()
        .exclude(pk=article.pk)
        .filter(Q(category_id=article.category_id) | Q(tags__in=tag_ids))
        .annotate(
            shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True),
        )
        .order_by("-shared_tags", "-first_published_at", "pk")
    )
    result: list[ArticlePage] = []
    for candidate in shared:
        if candidate not in result:
            result.append(candidate)
        if len(result) == limit:
            return result
    for pick in article.picks.select_related("target").all():
        target = pick.target
        if target.live and target.pk != article.pk and target not in result:
            result.append(target)
        if len(result) == limit:
            break
    return result


@dataclass(frozen=True)
class SearchHit:
    """One search result: an article or a category, with an excerpt that marks the words
    the reader searched for."""

    title: str
    url: str
    kind: str  # "article" or "category"
    excerpt: SafeString
    category: str = ""


def query_terms(query: str) -> list[str]:
    words = re.findall(r"\w+", query.lower())
    return [w for w in words if w not in STOP_WORDS and len(w) > 1]


def highlight(text: str, terms: list[str], *, width: int = EXCERPT_CHARS) -> SafeString:
    """An escaped excerpt of ``text`` around the first searched word, each searched word
    (and its longer forms: "squat" marks "squats") wrapped in <mark>."""
    text = " ".join(text.split())
    if not terms:
        return mark_safe(escape(text[:width]))
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\w*", re.I)
    first = pattern.search(text)
    start = 0 if first is None else max(0, first.start() - width // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    chunk = text[start : start + width]
    out: list[str] = ["… " if start else ""]
    pos = 0
    for m in pattern.finditer(chunk):
        out.append(escape(chunk[pos : m.start()]))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        pos = m.end()
    out.append(escape(chunk[pos:]))
    if start + width < len(text):
        out.append(" …")
    return mark_safe("".join(out))


def site_search(query: str) -> list[SearchHit]:
    """Categories, then articles: those with every searched word before those with only
    some, each group best match first."""
    query = query.strip()[:200]
    terms = query_terms(query)
    if not terms:
        return []
    text = " ".join(terms)
    hits: list[SearchHit] = []
    for category in get_search_backend().search(text, ArticleCategory, operator="or")[:5]:
        hits.append(
            SearchHit(
                title=category.name,
                url=f"/articles/category/{category.slug}/",
                kind="category",
                excerpt=highlight(category.description or category.name, terms),
            )
        )
    # Articles with every word first, then those with some, each in the backend's rank.
    articles = list(published_articles().search(text, operator="and")[:SEARCH_MAX_RESULTS])
    if len(terms) > 1:
        seen = {a.pk for a in articles}
        for article in published_articles().search(text, operator="or")[:SEARCH_MAX_RESULTS]:
            if article.pk not in seen:
                articles.append(article)
    for article in articles[:SEARCH_MAX_RESULTS]:
        source = f"{article.summary} {article.plain_text}"
        hits.append(
            SearchHit(
                title=article.title,
                url=article.url or "",
                kind="article",
                excerpt=highlight(source, terms),
                category=article.category.name if article.category else "",
            )
        )
    return hits


#: Characters that must not appear raw inside a <script> element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def article_schema(article: ArticlePage, *, base_url: str) -> SafeString:
    """schema.org metadata for an article: a ``MedicalWebPage`` whose main entity is an
    ``Article``, with author, reviewer and review date, as a JSON-LD script element."""
    base = base_url.rstrip("/")
    url = base + (article.url or "")
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": url,
        "name": article.title,
        "description": article.summary,
        "mainEntity": {
            "@type": "Article",
            "headline": article.title,
            "description": article.summary,
            "url": url,
            "articleSection": article.category.name if article.category else None,
            "keywords": ", ".join(t.name for t in article.tags.all()),
            "wordCount": len(article.plain_text.split()),
            "author": (
                {"@type": "Person", "name": article.author.full_name} if article.author else None
            ),
            "datePublished": (
                article.first_published_at.isoformat() if article.first_published_at else None
            ),
            "dateModified": (
                article.last_published_at.isoformat() if article.last_published_at else None
            ),
        },
    }
    if article.reviewed_by and article.reviewed_on:
        data["reviewedBy"] = {"@type": "Person", "name": article.reviewed_by.full_name}
        data["lastReviewed"] = article.reviewed_on.isoformat()
    text = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def spelling_suggestion(query: str) -> str | None:
    """The query with each unknown word replaced by the closest word of the published
    articles' titles, summaries, tags and categories ("recovry" -> "recovery"), or None
    when every word is known or nothing is close. The database backend has no fuzzy
    matching of its own, so this is how search forgives a typo."""
    terms = query_terms(query)
    if not terms:
        return None
    vocabulary: set[str] = set()
    for title, summary in published_articles().values_list("title", "summary"):
        vocabulary.update(re.findall(r"\w+", f"{title} {summary}".lower()))
    for name in ArticleCategory.objects.values_list("name", flat=True):
        vocabulary.update(re.findall(r"\w+", name.lower()))
    for article in published_articles().prefetch_related("tags"):
        for tag in article.tags.all():
            vocabulary.update(re.findall(r"\w+", tag.name.lower()))
    words = sorted(w for w in vocabulary if len(w) > 2)
    fixed: list[str] = []
    changed = False
    for term in terms:
        if term in vocabulary or any(w.startswith(term) for w in words):
            fixed.append(term)
            continue
        close = difflib.get_close_matches(term, words, n=1, cutoff=0.75)
        if close:
            fixed.append(close[0])
            changed = True
        else:
            fixed.append(term)
    return " ".join(fixed) if changed else None
