"""Photo sessions on the web: upload, the result page (which updates itself), the
pictures (served only through these authorised views), and retries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hipdip.vision.conventions import SIDES, View
from hipdip.web.access import Perm, get_for_actor
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.assessments.files import photo_file_response
from hipdip.web.assessments.forms import HeightConfirmForm, HeightCorrectForm, PhotoSessionForm
from hipdip.web.assessments.guidance import GRADE_TEXT, retake_tip
from hipdip.web.assessments.models import Photo, PhotoSession, Status
from hipdip.web.assessments.presenters import picture_response
from hipdip.web.assessments.selectors.figures import photos_side_figures
from hipdip.web.assessments.selectors.heightcheck import session_check
from hipdip.web.assessments.selectors.measured import phone_overlay_jpeg
from hipdip.web.assessments.selectors.sessions import photo_is_stuck, session_is_pending
from hipdip.web.assessments.services import sessions as services
from hipdip.web.assessments.services.uploads import read_upload
from hipdip.web.assessments.views.common import picture_endpoint
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import DomainError, UploadRejected
from hipdip.web.core.forms import form_add_domain_error
from hipdip.web.patients.models import Patient
from hipdip.web.patients.selectors import current_height


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    last = patient.photo_sessions.order_by("-taken_on", "-created_at").first()
    initial = {
        "height_cm": _offered_height(patient, last),
        "purpose": _default_purpose(request, patient, last),
    }
    form = PhotoSessionForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            images = {v.value: read_upload(data[v]) for v in View if data.get(v)}
            session = services.photo_session_create(
                actor=actor,
                patient=patient,
                purpose=data["purpose"],
                height_cm=data["height_cm"],
                weight_kg=data.get("weight_kg"),
                post_op_week=data.get("post_op_week"),
                taken_on=data.get("taken_on"),
                images=images,
            )
        except UploadRejected as exc:
            form.add_error(None, exc.message + " " + retake_tip(exc.code))
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            return redirect("photos:session", session_id=session.pk)
    return render(request, "assessments/session_new.html", {"form": form, "patient": patient})


@login_required
@require_GET
def session_detail(request: HttpRequest, session_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    session = get_for_actor(actor, PhotoSession, session_id, action="photo_session.view")
    return render(request, "assessments/session_detail.html", _session_context(request, session))


@login_required
@require_GET
def session_status(request: HttpRequest, session_id: str) -> HttpResponse:
    """The results block, polled by htmx while an analysis is running. A poll that only
    says "still analysing" shows no health data and is not audited; the final one is."""
    actor = actor_from_request(request, channel="web")
    session = get_for_actor(actor, PhotoSession, session_id)
    if not session_is_pending(session):
        audit_record(
            actor=actor, action="photo_session.view", patient=session.patient, target=session
        )
    return render(request, "assessments/_results.html", _session_context(request, session))


@login_required
@require_GET
def photo_image(request: HttpRequest, photo_id: str) -> FileResponse:
    return photo_file_response(actor_from_request(request, channel="web"), photo_id, "image")


@login_required
@require_GET
def photo_overlay(request: HttpRequest, photo_id: str) -> FileResponse:
    return photo_file_response(actor_from_request(request, channel="web"), photo_id, "overlay")


@login_required
@require_GET
@picture_endpoint
def photo_overlay_phone(request: HttpRequest, photo_id: str) -> HttpResponse:
    """The overlay laid out for a phone screen, for pages shown on narrow screens."""
    actor = actor_from_request(request, channel="web")
    photo = get_for_actor(actor, Photo, photo_id, action="photo.overlay.view")
    return picture_response(phone_overlay_jpeg(photo), "jpeg")


@login_required
@require_POST
def photo_retry(request: HttpRequest, photo_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    photo = get_for_actor(actor, Photo, photo_id, perm=Perm.CHANGE)
    try:
        services.photo_retry(actor=actor, photo=photo)
    except DomainError as exc:
        messages.info(request, exc.message)
    return redirect("photos:session", session_id=photo.session_id)


def _session_context(request: HttpRequest, session: PhotoSession) -> dict[str, object]:
    photos = sorted(session.photos.all(), key=lambda p: p.view != "front")
    user = request.user
    return {
        "session": session,
        "patient": session.patient,
        "photos": [_photo_card(p) for p in photos],
        "pending": any(p.status == Status.PENDING for p in photos),
        "is_own": session.patient.user_id == user.pk,
        "grade_text": GRADE_TEXT,
        "missing_views": [v.value for v in View if v not in {p.view for p in photos}],
        "figures": photos_side_figures(photos),
        "check": session_check(session),
        "is_staff": bool(getattr(user, "is_clinic_staff", False)),
        "confirm_form": HeightConfirmForm(),
        "correct_form": HeightCorrectForm(initial={"height_cm": session.height_cm}),
    }


def _photo_card(photo: Photo) -> dict[str, object]:
    sides = photo.sides
    rows = [
        {"key": side, "label": side.value.capitalize(), **sides[side].to_dict()}
        for side in SIDES
        if side in sides
    ]
    return {
        "photo": photo,
        "rows": rows,
        "warnings": [{**w.to_dict(), "tip": retake_tip(w.code)} for w in photo.warnings],
        "tip": retake_tip(photo.error_code) if photo.status == Status.FAILED else "",
        "stale": photo_is_stuck(photo),
    }


def _offered_height(patient: Patient, last: PhotoSession | None) -> object:
    """The patient's recorded height (else the last session's), so the form starts from
    the one height the photos are checked against."""
    recorded = current_height(patient)
    if recorded is not None:
        return recorded.height_cm
    return last.height_cm if last else None


def _default_purpose(request: HttpRequest, patient: Patient, last: PhotoSession | None) -> str:
    if request.user.pk == patient.user_id:
        return "self_assessment" if last is None else "progress"
    return "consultation"
