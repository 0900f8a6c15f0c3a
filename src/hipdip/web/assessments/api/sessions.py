"""API: photos of a patient, uploads, results, and the picture bytes (authorised only)."""

from typing import Any

from django.http import FileResponse, HttpRequest
from django.urls import reverse
from ninja import File, Form, Router
from ninja.files import UploadedFile

from hipdip.web.access import NotFound, Perm, get_for_actor
from hipdip.web.accounts.api_helpers import api_actor
from hipdip.web.assessments.files import photo_file_response
from hipdip.web.assessments.models import Photo, PhotoSession, Status
from hipdip.web.assessments.schemas import (
    ErrorInfo,
    PhotoCreatedOut,
    PhotoOut,
    PhotoUploadIn,
    SideFigureOut,
)
from hipdip.web.assessments.selectors.figures import session_side_figures
from hipdip.web.assessments.selectors.heightcheck import session_check
from hipdip.web.assessments.selectors.sessions import photos_of_patient
from hipdip.web.assessments.services import sessions as services
from hipdip.web.assessments.services.uploads import read_upload
from hipdip.web.core.api_errors import file_response
from hipdip.web.patients.models import Patient

router = Router(tags=["photos"])


@router.get("/patients/{patient_id}/photos", response=list[PhotoOut])
def patient_photos(request: HttpRequest, patient_id: str) -> list[PhotoOut]:
    """Every photo of the patient, newest session first."""
    actor = api_actor(request)
    patient = get_for_actor(
        actor, Patient, patient_id, perm=Perm.VIEW, action="patient.photos.list"
    )
    return [photo_out(p) for p in photos_of_patient(patient=patient)]


@router.post("/patients/{patient_id}/photos", response={201: PhotoCreatedOut})
def photo_upload(
    request: HttpRequest,
    patient_id: str,
    data: Form[PhotoUploadIn],
    file: File[UploadedFile],
) -> PhotoCreatedOut:
    """Upload one photo (multipart: `file`, `view`, `height_cm`, `purpose`, ...).

    Without `session_id` a new photo session is created. Analysis runs in the background:
    poll `GET /api/photos/{id}` until `status` is `done` or `failed`.
    """
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE, action=None)
    content = read_upload(file)
    if data.session_id is not None:
        session = get_for_actor(actor, PhotoSession, data.session_id, perm=Perm.CHANGE)
        if session.patient_id != patient.pk:
            raise NotFound
        photo = services.photo_add(actor=actor, session=session, view=data.view, data=content)
    else:
        session = services.photo_session_create(
            actor=actor,
            patient=patient,
            purpose=data.purpose,
            height_cm=data.height_cm,
            weight_kg=data.weight_kg,
            post_op_week=data.post_op_week,
            taken_on=data.taken_on,
            images={data.view: content},
        )
        photo = session.photos.get()
    photo.refresh_from_db(fields=["status"])
    return PhotoCreatedOut(id=photo.pk, status=photo.status, session_id=session.pk)


@router.get("/photos/{photo_id}", response=PhotoOut)
def photo_detail(request: HttpRequest, photo_id: str) -> PhotoOut:
    """Status (`pending`, `done`, `failed`) and, when done, the assessment."""
    photo = get_for_actor(api_actor(request), Photo, photo_id, action="photo.view")
    return photo_out(photo)


@router.post("/photos/{photo_id}/retry", response={202: PhotoCreatedOut})
def photo_retry(request: HttpRequest, photo_id: str) -> PhotoCreatedOut:
    """Queue a failed analysis again."""
    actor = api_actor(request)
    photo = get_for_actor(actor, Photo, photo_id, perm=Perm.CHANGE)
    photo = services.photo_retry(actor=actor, photo=photo)
    photo.refresh_from_db(fields=["status"])
    return PhotoCreatedOut(id=photo.pk, status=photo.status, session_id=photo.session_id)


@router.get(
    "/photos/{photo_id}/image",
    response={200: bytes},
    openapi_extra=file_response("image/jpeg", "The stored photo (JPEG)."),
)
def photo_image(request: HttpRequest, photo_id: str) -> FileResponse:
    """The stored photo (JPEG, re-encoded without metadata)."""
    return photo_file_response(api_actor(request), photo_id, "image")


@router.get(
    "/photos/{photo_id}/overlay",
    response={200: bytes},
    openapi_extra=file_response("image/jpeg", "The annotated overlay (JPEG)."),
)
def photo_overlay(request: HttpRequest, photo_id: str) -> FileResponse:
    """The annotated picture (JPEG), once the analysis is done."""
    return photo_file_response(api_actor(request), photo_id, "overlay")


def photo_out(photo: Photo) -> PhotoOut:
    session = photo.session
    done = photo.status == Status.DONE
    check = session_check(session)
    return PhotoOut(
        session_held_back=check.held_back,
        session_concerns=check.explanations if check.flagged else [],
        id=photo.pk,
        session_id=session.pk,
        patient_id=session.patient_id,
        view=photo.view,
        status=photo.status,  # type: ignore[arg-type]
        purpose=session.purpose,
        post_op_week=session.post_op_week,
        height_cm=float(session.height_cm),
        weight_kg=None if session.weight_kg is None else float(session.weight_kg),
        taken_on=session.taken_on,
        created_at=photo.created_at,
        analysed_at=photo.analysed_at,
        error=ErrorInfo(code=photo.error_code, message=photo.error_message)
        if photo.status == Status.FAILED
        else None,
        assessment=_contract(photo) if done else None,
        image_url=reverse("api:photo_image", kwargs={"photo_id": photo.pk}),
        overlay_url=reverse("api:photo_overlay", kwargs={"photo_id": photo.pk}) if done else None,
        session_sides=[
            SideFigureOut(
                side=f.side.value,
                depth_mm=f.depth_mm,
                extent_mm=round(f.extent_mm, 1),
                views=[v.view.value for v in f.views],
                how=f.how,
            )
            for f in session_side_figures(session)
        ],
    )


def _contract(photo: Photo) -> dict[str, Any] | None:
    """The stored assessment as the API shows it: the `hipdip analyze --json` object,
    without the geometry the pictures use."""
    a = photo.assessment
    return None if a is None else a.to_dict(include_geometry=False)
