"""Pages: the before/after comparison and its pictures."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from hipdip.vision.framing import Region
from hipdip.web.access import NotFound, get_for_actor
from hipdip.web.accounts.actor import Actor, actor_from_request
from hipdip.web.assessments.forms import (
    CompareImageQuery,
    CompareQuery,
)
from hipdip.web.assessments.models import PhotoSession
from hipdip.web.assessments.presenters import (
    compare_query,
    picture_response,
    side_change_dict,
)
from hipdip.web.assessments.rules import can_manage_gallery
from hipdip.web.assessments.selectors.comparisons import (
    comparison_between,
    comparison_export,
    measured_sessions,
    measured_views,
)
from hipdip.web.assessments.selectors.consent import active_gallery_consents
from hipdip.web.assessments.selectors.measured import Unprocessable
from hipdip.web.assessments.selectors.previews import region_size
from hipdip.web.assessments.views.common import is_own, picture_endpoint
from hipdip.web.audit.services import audit_record
from hipdip.web.patients.models import Patient


def _session(actor: Actor, patient: Patient, session_id: Any) -> PhotoSession:
    session = get_for_actor(actor, PhotoSession, session_id)
    if session.patient_id != patient.pk:
        raise NotFound
    return session


def _default_pair(sessions: list[PhotoSession]) -> tuple[Any, Any]:
    if len(sessions) < 2:
        return None, None
    return sessions[0].pk, sessions[-1].pk


def _default_view(before: PhotoSession, after: PhotoSession) -> str:
    shared = [v for v in measured_views(before) if v in measured_views(after)]
    return shared[0] if shared else "front"


@login_required
@require_GET
def compare_page(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, action=None)
    sessions = measured_sessions(patient)
    form = CompareQuery(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    default_before, default_after = _default_pair(sessions)
    context: dict[str, Any] = {
        "patient": patient,
        "is_own": is_own(actor, patient),
        "sessions": sessions,
        "form_invalid": form.is_bound and not form.is_valid(),
        "can_gallery": can_manage_gallery(actor.user, patient),
        "region": data.get("region") or Region.FULL.value,
    }
    before_id = data.get("before") or default_before
    after_id = data.get("after") or default_after
    if before_id is None or after_id is None:
        audit_record(actor=actor, action="compare.view", patient=patient, target=patient)
        return render(request, "assessments/compare.html", context)
    before = _session(actor, patient, before_id)
    after = _session(actor, patient, after_id)
    view = data.get("view") or _default_view(before, after)
    context |= {"before": before, "after": after, "view": view}
    audit_record(
        actor=actor,
        action="compare.view",
        patient=patient,
        target=patient,
        detail={"before": str(before.pk), "after": str(after.pk), "view": view},
    )
    try:
        result = comparison_between(before=before, after=after, view=view)
    except Unprocessable as exc:
        return render(request, "assessments/compare.html", {**context, "problem": exc.message})
    consents = active_gallery_consents(patient)
    image_base = reverse("imaging:compare_image", kwargs={"patient_id": patient.pk})
    h, w = region_size(result.before, Region(context["region"]))
    context |= {
        "result": result,
        "sides": {s: _change_text(side_change_dict(c)) for s, c in result.comparison.sides.items()},
        "notes": result.comparison.notes,
        "consents": consents,
        "image_base": image_base,
        "query": compare_query(result),
        "width": w,
        "height": h,
    }
    return render(request, "assessments/compare.html", context)


def _change_text(change: dict[str, Any]) -> dict[str, Any]:
    """Signed figures with a true minus sign, for reading."""

    def signed(value: float | None, digits: int) -> str:
        if value is None:
            return ""
        text = f"{value:+.{digits}f}"
        return "±0" if float(text) == 0 else text.replace("-", "\u2212")

    return change | {
        "change_text": signed(change["change_mm"], 1),
        "pct_text": signed(change["change_pct"], 0),
    }


@login_required
@require_GET
@picture_endpoint
def compare_image(request: HttpRequest, patient_id: str) -> HttpResponse:
    """`which`: before / after (aligned, JPEG, `region` full or hips), `sheet` (PNG for the
    patient's file) or `gallery` (de-identified PNG; staff, with consent)."""
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, action=None)
    form = CompareImageQuery(request.GET)
    if not form.is_valid():
        return HttpResponse(
            "before, after, view and which are required.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    q = form.cleaned_data
    before = _session(actor, patient, q["before"])
    after = _session(actor, patient, q["after"])
    data, kind, filename = comparison_export(
        actor=actor,
        patient=patient,
        before=before,
        after=after,
        view=q["view"],
        which=q["which"],
        region=Region(q.get("region") or Region.FULL),
    )
    return picture_response(data, kind, filename=filename)
