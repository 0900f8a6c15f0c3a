"""The exercise catalogue: public reference pages (no personal data, so not audited)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hipdip.web.exercises.catalogue import FILTERS, exercise_card, exercise_cards


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    chosen = {
        name: value if value in {v for v, _ in options} else ""
        for name, options in FILTERS.items()
        for value in [request.GET.get(name, "")]
    }
    cards = exercise_cards(**chosen)
    context = {
        "cards": cards,
        "filters": FILTERS,
        "chosen": chosen,
        "filtered": any(chosen.values()),
    }
    return render(request, "exercises/catalogue.html", context)


@require_GET
def exercise(request: HttpRequest, slug: str) -> HttpResponse:
    card = exercise_card(slug)
    if card is None:
        raise Http404
    related = [
        c
        for c in exercise_cards()
        if c.slug != slug and set(c.exercise.muscles) & set(card.exercise.muscles)
    ][:3]
    return render(request, "exercises/exercise.html", {"card": card, "related": related})
