"""Pages: the markings editor, the result preview, before/after comparison, gallery consent.
The pictures they show are made on request and served only through these views."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hipdip.vision.encoding import encode_jpeg, encode_png
from hipdip.vision.framing import Region, hip_box
from hipdip.web.access import NotFound, Perm, get_for_actor
from hipdip.web.audit.services import audit_record
from hipdip.web.core.actor import Actor, actor_from_request
from hipdip.web.core.api_errors import error_response
from hipdip.web.core.errors import DomainError
from hipdip.web.imaging import selectors, services
from hipdip.web.imaging.analysed import Unprocessable, analysed_photo
from hipdip.web.imaging.forms import (
    CompareImageQuery,
    CompareQuery,
    GalleryConsentForm,
    PreviewQuery,
)
from hipdip.web.imaging.models import GalleryConsent
from hipdip.web.imaging.plans import PlanRefused, check_plan, plan_of_patient
from hipdip.web.imaging.presenters import (
    compare_query,
    markings_payload,
    picture_response,
    side_change_dict,
)
from hipdip.web.imaging.rules import can_edit_markings, can_manage_gallery, can_withdraw_consent
from hipdip.web.patients.models import Patient
from hipdip.web.photos.models import Photo, PhotoSession


def _pictures(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Picture endpoints answer a photo that cannot be used with 422 and the reason."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except DomainError as exc:
            return HttpResponse(
                exc.message, status=exc.status_code, content_type="text/plain; charset=utf-8"
            )

    return wrapped


def _plan(raw: str | None, patient: Patient) -> Any:
    try:
        return check_plan(raw, patient=patient)
    except PlanRefused as exc:
        raise NotFound from exc


def _is_own(actor: Actor, patient: Patient) -> bool:
    return actor.user is not None and patient.user_id == actor.user.pk


# --- markings ---------------------------------------------------------------------------


@login_required
@require_GET
def markings_page(request: HttpRequest, photo_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    photo = get_for_actor(actor, Photo, photo_id, action="markings.view")
    patient = photo.session.patient
    plan = _plan(request.GET.get("plan"), patient)
    context: dict[str, Any] = {
        "photo": photo,
        "session": photo.session,
        "patient": patient,
        "is_own": _is_own(actor, patient),
        "plan_id": plan,
        "can_edit": can_edit_markings(actor.user, patient),
    }
    try:
        analysed = analysed_photo(photo)
    except Unprocessable as exc:
        return render(request, "imaging/markings.html", {**context, "problem": exc.message})
    marking_set = selectors.marking_set_for(photo=photo, plan_id=plan)
    payload = markings_payload(
        photo=photo,
        analysed=analysed,
        marking_set=marking_set,
        plan_id=plan,
        user=actor.user,
        api=False,
    )
    query = f"?plan={plan}" if plan else ""
    payload["save_url"] = reverse("imaging:markings_save", kwargs={"photo_id": photo.pk}) + query
    payload["zoom_boxes"] = _zoom_boxes(analysed)
    payload["initial"], payload["initial_source"] = _starting_marks(photo, plan, payload)
    context |= {
        "editor": payload,
        "plan_hint": None if plan else plan_of_patient(patient),
        "marking_set": marking_set,
        "shows_suggestions": marking_set is None and not context["is_own"],
        "png_url": payload["png_url"],
        "image_size": analysed.size,
    }
    return render(request, "imaging/markings.html", context)


def _zoom_boxes(analysed: Any) -> dict[str, tuple[int, int, int, int]]:
    """The editor's close-ups: both hips (wider than the preview's, so labels beside the
    marks fit) and each side on its own (twice as large on a phone)."""
    geo = analysed.geometry
    x0, y0, x1, y1 = hip_box(geo)
    pad = 0.06 * (geo.stature_rows[1] - geo.stature_rows[0])
    x0, x1 = max(0, int(x0 - pad)), min(geo.image_size_hw[1], int(x1 + pad))
    mid = round(0.5 * (geo.joints_xy["hip_left"][0] + geo.joints_xy["hip_right"][0]))
    image_right, image_left = (mid, y0, x1, y1), (x0, y0, mid, y1)
    return {
        "hips": (x0, y0, x1, y1),
        **{side: image_right if sign > 0 else image_left for side, sign in geo.image_side.items()},
    }


def _starting_marks(photo: Photo, plan: Any, payload: dict[str, Any]) -> tuple[list[Any], str]:
    """What the editor opens with: the saved marks; for a plan without marks yet, the
    photo's own saved marks; otherwise the analyser's suggestions."""
    if payload["saved"]:
        return payload["marks"], "saved"
    if plan is not None:
        own = selectors.marking_set_for(photo=photo, plan_id=None)
        if own is not None:
            return list(own.marks), "photo"
    return payload["suggested"], "suggested"


@login_required
@require_POST
def markings_save(request: HttpRequest, photo_id: str) -> JsonResponse:
    """The editor's save: JSON `{"version": n, "marks": [...]}` in, the saved state out.
    Errors use the API's error shape (409 `stale_version` when someone saved meanwhile)."""
    actor = actor_from_request(request, channel="web")
    photo = get_for_actor(actor, Photo, photo_id, perm=Perm.CHANGE)
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return error_response(400, message="The request body is not valid JSON.")
    if not isinstance(body, dict):
        return error_response(400, message="Send a JSON object with `version` and `marks`.")
    try:
        saved = services.marking_set_save(
            actor=actor,
            photo=photo,
            marks=body.get("marks"),
            version=body.get("version"),  # type: ignore[arg-type]
            plan_id=request.GET.get("plan"),
        )
    except DomainError as exc:
        return error_response(
            exc.status_code, code=exc.code, message=exc.message, details=exc.details
        )
    except PermissionDenied as exc:
        return error_response(403, message=str(exc) or None)
    payload = markings_payload(
        photo=photo,
        analysed=analysed_photo(photo),
        marking_set=saved,
        plan_id=saved.plan_id,
        user=actor.user,
        api=False,
    )
    return JsonResponse(payload)


@login_required
@require_GET
@_pictures
def markings_png(request: HttpRequest, photo_id: str) -> HttpResponse:
    """The saved marks drawn on the photo (staff see the suggestions until a set is saved)."""
    actor = actor_from_request(request, channel="web")
    photo = get_for_actor(actor, Photo, photo_id, action="markings.image.view")
    patient = photo.session.patient
    plan = _plan(request.GET.get("plan"), patient)
    analysed = analysed_photo(photo)
    marking_set = selectors.marking_set_for(photo=photo, plan_id=plan)
    if marking_set is not None:
        marks = selectors.marks_of(marking_set)
    elif not _is_own(actor, patient):
        marks = selectors.suggested_marks(analysed)
    else:
        raise NotFound
    png = encode_png(selectors.markings_picture(analysed, marks))
    name = f"markings-{photo.view}-{photo.session.taken_on:%Y%m%d}.png"
    return picture_response(png, "png", filename=name if request.GET.get("download") else None)


# --- result preview ---------------------------------------------------------------------


@login_required
@require_GET
def preview_page(request: HttpRequest, photo_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    photo = get_for_actor(actor, Photo, photo_id, action="preview.view")
    patient = photo.session.patient
    form = PreviewQuery(request.GET or None)
    fill, region = form.values() if form.is_valid() else (0.5, Region.HIPS)
    context: dict[str, Any] = {
        "photo": photo,
        "session": photo.session,
        "patient": patient,
        "is_own": _is_own(actor, patient),
        "fill": fill,
        "fill_pct": round(fill * 100),
        "region": region.value,
        "form_errors": form.errors if form.is_bound and not form.is_valid() else None,
    }
    try:
        analysed = analysed_photo(photo)
    except Unprocessable as exc:
        return render(request, "imaging/preview.html", {**context, "problem": exc.message})
    h, w = selectors.region_size(analysed, region)
    context |= {
        "depths": selectors.simulated_depths(analysed, fill),
        "image_url": reverse("imaging:preview_image", kwargs={"photo_id": photo.pk}),
        "width": w,
        "height": h,
    }
    return render(request, "imaging/preview.html", context)


@login_required
@require_GET
@_pictures
def preview_image(request: HttpRequest, photo_id: str) -> HttpResponse:
    """The labelled simulation as a JPEG: `fill` from 0 to 1, `region` full or hips."""
    actor = actor_from_request(request, channel="web")
    form = PreviewQuery(request.GET)
    if not form.is_valid():
        return HttpResponse(
            "fill must be a number from 0 to 1; region full or hips.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    fill, region = form.values()
    photo = get_for_actor(actor, Photo, photo_id)
    analysed = analysed_photo(photo)
    picture = selectors.preview_picture(analysed, fill=fill, region=region)
    audit_record(
        actor=actor,
        action="preview.image.view",
        patient=photo.session.patient,
        target=photo,
        detail={"fill": round(fill, 2), "region": region.value},
    )
    return picture_response(encode_jpeg(picture), "jpeg")


# --- before and after -------------------------------------------------------------------


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
    shared = [v for v in selectors.measured_views(before) if v in selectors.measured_views(after)]
    return shared[0] if shared else "front"


@login_required
@require_GET
def compare_page(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, action=None)
    sessions = selectors.measured_sessions(patient)
    form = CompareQuery(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    default_before, default_after = _default_pair(sessions)
    context: dict[str, Any] = {
        "patient": patient,
        "is_own": _is_own(actor, patient),
        "sessions": sessions,
        "form_invalid": form.is_bound and not form.is_valid(),
        "can_gallery": can_manage_gallery(actor.user, patient),
        "region": data.get("region") or Region.FULL.value,
    }
    before_id = data.get("before") or default_before
    after_id = data.get("after") or default_after
    if before_id is None or after_id is None:
        audit_record(actor=actor, action="compare.view", patient=patient, target=patient)
        return render(request, "imaging/compare.html", context)
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
        result = selectors.comparison_between(before=before, after=after, view=view)
    except Unprocessable as exc:
        return render(request, "imaging/compare.html", {**context, "problem": exc.message})
    consents = selectors.active_gallery_consents(patient)
    image_base = reverse("imaging:compare_image", kwargs={"patient_id": patient.pk})
    h, w = selectors.region_size(result.before, Region(context["region"]))
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
    return render(request, "imaging/compare.html", context)


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
@_pictures
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
    data, kind, filename = selectors.comparison_export(
        actor=actor,
        patient=patient,
        before=before,
        after=after,
        view=q["view"],
        which=q["which"],
        region=Region(q.get("region") or Region.FULL),
    )
    return picture_response(data, kind, filename=filename)


# --- gallery consent --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def consents_page(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, action=None)
    can_record = can_manage_gallery(actor.user, patient)
    form = GalleryConsentForm(request.POST or None) if can_record else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Only the clinic's staff can record consent.")
        if form.is_valid():
            try:
                services.gallery_consent_record(
                    actor=actor,
                    patient=patient,
                    scope=form.cleaned_data["scope"],
                    note=form.cleaned_data["note"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Consent recorded.")
                return redirect("imaging:consents", patient_id=patient.pk)
    else:
        audit_record(actor=actor, action="gallery_consent.list", patient=patient, target=patient)
    return render(
        request,
        "imaging/consents.html",
        {
            "patient": patient,
            "is_own": _is_own(actor, patient),
            "consents": list(selectors.gallery_consents(patient)),
            "form": form,
            "can_withdraw": can_withdraw_consent(actor.user, patient),
        },
    )


@login_required
@require_POST
def consent_revoke(request: HttpRequest, consent_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    consent = get_for_actor(actor, GalleryConsent, consent_id)
    try:
        services.gallery_consent_revoke(actor=actor, consent=consent)
    except DomainError as exc:
        messages.info(request, exc.message)
    else:
        messages.success(request, "Consent withdrawn. No new gallery pictures can be made.")
    return redirect("imaging:consents", patient_id=consent.patient_id)
