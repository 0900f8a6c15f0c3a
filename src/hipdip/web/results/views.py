"""/results/: the public gallery, and its pictures (rendered per request, never cached);
the surgeon's approve and withdraw buttons on a comparison page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from hipdip.vision.encoding import encode_jpeg
from hipdip.web.access import Perm, get_for_actor
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.assessments.models import PhotoSession
from hipdip.web.assessments.selectors.comparisons import comparison_between, gallery_sheet
from hipdip.web.core.errors import DomainError
from hipdip.web.results.models import ResultPublication
from hipdip.web.results.selectors import live_publications, result_cards
from hipdip.web.results.services import result_publish, result_withdraw


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


@login_required
@require_POST
def publish(request: HttpRequest) -> HttpResponse:
    """A surgeon approves the comparison shown on the compare page for /results/."""
    actor = actor_from_request(request, channel="web")
    before = get_for_actor(actor, PhotoSession, request.POST.get("before", ""), perm=Perm.CHANGE)
    after = get_for_actor(actor, PhotoSession, request.POST.get("after", ""), perm=Perm.CHANGE)
    view = request.POST.get("view", "")
    try:
        result_publish(actor=actor, before=before, after=after, view=view)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Approved: the comparison is now on the results page.")
    return redirect(_compare_url(before, after, view))


@login_required
@require_POST
def withdraw(request: HttpRequest, publication_id: str) -> HttpResponse:
    """A surgeon takes a published comparison off /results/."""
    actor = actor_from_request(request, channel="web")
    publication = get_for_actor(actor, ResultPublication, publication_id, perm=Perm.CHANGE)
    result_withdraw(actor=actor, publication=publication)
    messages.success(request, "Withdrawn: the comparison is no longer on the results page.")
    return redirect(_compare_url(publication.before, publication.after, publication.view))


def _compare_url(before: PhotoSession, after: PhotoSession, view: str) -> str:
    query = urlencode({"before": before.pk, "after": after.pk, "view": view})
    return reverse("imaging:compare", args=[before.patient_id]) + "?" + query
