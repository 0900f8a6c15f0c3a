"""Site-wide pages that are not Wagtail pages: search and robots.txt."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from hipdip.web.articles.selectors import query_terms, site_search, spelling_suggestion

RESULTS_PER_PAGE = 10


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """``/search/?q=``: categories and articles, each with a highlighted excerpt."""
    query = request.GET.get("q", "").strip()[:200]
    hits = site_search(query) if query else []
    page = Paginator(hits, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    template = (
        "articles/_search_results.html"
        if request.headers.get("HX-Request")
        else ("articles/search.html")
    )
    return render(
        request,
        template,
        {
            "query": query,
            "page_obj": page,
            "hit_count": len(hits),
            "too_short": bool(query) and not query_terms(query),
            "paging_query": urlencode({"q": query}) if query else "",
            "suggestion": spelling_suggestion(query) if query and len(hits) < 3 else None,
        },
    )


ROBOTS = """User-agent: *
Disallow: /cms/
Disallow: /admin/
Disallow: /api/
Disallow: /accounts/
Disallow: /patients/
Disallow: /leads/
Disallow: /search/
Sitemap: {sitemap}
"""


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the public pages, never the app, the editor or the API."""
    text = ROBOTS.format(sitemap=request.build_absolute_uri("/sitemap.xml"))
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
