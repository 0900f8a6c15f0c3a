"""/results/: the public gallery, and its pictures (rendered per request, never cached)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from hipdip.vision.encoding import encode_jpeg
from hipdip.web.assessments.selectors.comparisons import comparison_between, gallery_sheet
from hipdip.web.results.selectors import live_publications, result_cards


@never_cache
@require_GET
def gallery(request: HttpRequest) -> HttpResponse:
    cards = result_cards(list(live_publications()[:24]))
    return render(request, "results/gallery.html", {"cards": cards})


@never_cache
@require_GET
def picture(request: HttpRequest, publication_id: str) -> HttpResponse:
    """The de-identified before/after picture (below the shoulders to mid-thigh, no names,
    no dates, no metadata), only while the publication and the consent are both live."""
    publication = live_publications().filter(pk=publication_id).first()
    if publication is None:
        raise Http404("No such picture.")
    result = comparison_between(
        before=publication.before, after=publication.after, view=publication.view
    )
    return HttpResponse(encode_jpeg(gallery_sheet(result), quality=85), content_type="image/jpeg")
