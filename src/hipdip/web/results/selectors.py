"""Reads: what the public gallery may show right now."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from hipdip.web.assessments.models import ConsentScope, GalleryConsent
from hipdip.web.assessments.selectors.comparisons import session_change
from hipdip.web.plans.models import ProcedureRecord
from hipdip.web.results.models import ResultPublication


def live_publications() -> QuerySet[ResultPublication]:
    """Publications not withdrawn whose patient's public consent is active now."""
    consent = GalleryConsent.objects.filter(
        patient=OuterRef("patient"), scope=ConsentScope.PUBLIC, revoked_at__isnull=True
    )
    return (
        ResultPublication.objects.filter(withdrawn_at__isnull=True)
        .filter(Exists(consent))
        .select_related("before", "after", "patient")
        .prefetch_related("before__photos", "after__photos")
    )


@dataclass(frozen=True)
class ResultCard:
    id: str
    #: After minus before, per side, in mm: the change of the sessions' one figure per side.
    change_mm: dict[str, float]
    #: The photos the change rests on: "front and back photos" or, when the two sessions
    #: share one view only, that view's ("front photos").
    basis: str
    months_since_surgery: int | None


def result_cards(publications: list[ResultPublication]) -> list[ResultCard]:
    """The change per side, the photos it rests on and whole months from surgery to the
    'after' photos; nothing that names the patient or dates the photos.

    The change is that of each session's figure per side (the mean of its front and back
    photos, as every page shows it) when both sessions measured both views; otherwise it
    is the change on the published view's photos, and the card says so.
    """
    surgery = {
        r.patient_id: r.performed_on
        for r in ProcedureRecord.objects.filter(patient__in=[p.patient_id for p in publications])
    }
    cards: list[ResultCard] = []
    for pub in publications:
        change = session_change(before=pub.before, after=pub.after, view=pub.view)
        done = surgery.get(pub.patient_id)
        months = months_between(done, pub.after.taken_on) if done is not None else None
        cards.append(
            ResultCard(
                id=str(pub.pk),
                change_mm={side: c.change_mm for side, c in change.sides.items()},
                basis=change.basis,
                months_since_surgery=months,
            )
        )
    return cards


def months_between(start: dt.date, end: dt.date) -> int | None:
    """Whole months from ``start`` to ``end`` (None if ``end`` is earlier)."""
    if end < start:
        return None
    months = (end.year - start.year) * 12 + (end.month - start.month)
    return months - 1 if end.day < start.day else months
