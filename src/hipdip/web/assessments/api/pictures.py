"""API: markings as data, result previews, before/after comparisons, gallery consent.

Pictures are made on request, never stored, and sent with `Cache-Control: no-store`.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Query, Router

from hipdip.vision.encoding import encode_jpeg, encode_png
from hipdip.vision.framing import Region
from hipdip.web.access import NotFound, Perm, get_for_actor
from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.api_helpers import api_actor
from hipdip.web.assessments.models import GalleryConsent, Photo, PhotoSession
from hipdip.web.assessments.plans import check_plan
from hipdip.web.assessments.presenters import (
    markings_payload,
    picture_response,
    session_summary,
    side_change_dict,
)
from hipdip.web.assessments.rules import can_edit_markings, can_manage_gallery
from hipdip.web.assessments.schemas import (
    CompareImageQueryIn,
    CompareQueryIn,
    ComparisonOut,
    ConsentIn,
    ConsentOut,
    MarkingsImageQuery,
    MarkingsIn,
    MarkingsOut,
    PlanQuery,
    PreviewQueryIn,
)
from hipdip.web.assessments.selectors.comparisons import comparison_between, comparison_export
from hipdip.web.assessments.selectors.consent import active_gallery_consents, gallery_consents
from hipdip.web.assessments.selectors.markings import (
    marking_set_for,
    markings_picture,
    marks_of,
    suggested_marks,
)
from hipdip.web.assessments.selectors.measured import analysed_photo
from hipdip.web.assessments.selectors.previews import preview_picture
from hipdip.web.assessments.services.consent import gallery_consent_record, gallery_consent_revoke
from hipdip.web.assessments.services.markings import marking_set_save
from hipdip.web.audit.services import audit_record
from hipdip.web.patients.models import Patient

router = Router(tags=["markings, previews and comparisons"])


@router.get("/photos/{photo_id}/markings", response=MarkingsOut, url_name="markings")
def markings_get(request: HttpRequest, photo_id: str, q: Query[PlanQuery]) -> dict[str, object]:
    """The saved marks of a measured photo (version 0 and no marks if none are saved yet);
    surgeons also get the analyser's suggestions to start from."""
    actor = api_actor(request)
    photo = get_for_actor(actor, Photo, photo_id, action="markings.view")
    plan = check_plan(q.plan_id, patient=photo.session.patient)
    analysed = analysed_photo(photo)
    return markings_payload(
        photo=photo,
        analysed=analysed,
        marking_set=marking_set_for(photo=photo, plan_id=plan),
        plan_id=plan,
        user=actor.user,
        api=True,
    )


@router.put("/photos/{photo_id}/markings", response=MarkingsOut)
def markings_put(request: HttpRequest, photo_id: str, data: MarkingsIn) -> dict[str, object]:
    """Replace the marks (surgeons only). Send the `version` you loaded: if someone saved
    since, the answer is 409 `stale_version` with the current version in `details`."""
    actor = api_actor(request)
    photo = get_for_actor(actor, Photo, photo_id, perm=Perm.CHANGE)
    saved = marking_set_save(
        actor=actor, photo=photo, marks=data.marks, version=data.version, plan_id=data.plan_id
    )
    return markings_payload(
        photo=photo,
        analysed=analysed_photo(photo),
        marking_set=saved,
        plan_id=saved.plan_id,
        user=actor.user,
        api=True,
    )


@router.get("/photos/{photo_id}/markings/image", response={200: bytes}, url_name="markings_png")
def markings_image(
    request: HttpRequest, photo_id: str, q: Query[MarkingsImageQuery]
) -> HttpResponse:
    """The saved marks drawn on the photo (PNG), or `source=suggested` for surgeons."""
    actor = api_actor(request)
    photo = get_for_actor(actor, Photo, photo_id, action="markings.image.view")
    patient = photo.session.patient
    plan = check_plan(q.plan_id, patient=patient)
    analysed = analysed_photo(photo)
    if q.source == "suggested":
        if not can_edit_markings(actor.user, patient):
            raise PermissionDenied("Only surgeons see the suggested markings.")
        marks = suggested_marks(analysed)
    else:
        marking_set = marking_set_for(photo=photo, plan_id=plan)
        if marking_set is None:
            raise NotFound
        marks = marks_of(marking_set)
    return picture_response(encode_png(markings_picture(analysed, marks)), "png")


@router.get("/photos/{photo_id}/preview", response={200: bytes})
def preview(request: HttpRequest, photo_id: str, q: Query[PreviewQueryIn]) -> HttpResponse:
    """A labelled simulation of the photo with `fill` (0-1) of each dip filled. Made on
    request, never stored; every picture carries a SIMULATION banner."""
    actor = api_actor(request)
    photo = get_for_actor(actor, Photo, photo_id)
    analysed = analysed_photo(photo)
    region = Region(q.region)
    picture = preview_picture(analysed, fill=q.fill, region=region)
    audit_record(
        actor=actor,
        action="preview.image.view",
        patient=photo.session.patient,
        target=photo,
        detail={"fill": round(q.fill, 2), "region": region.value},
    )
    if q.format == "jpeg":
        return picture_response(encode_jpeg(picture), "jpeg")
    return picture_response(encode_png(picture), "png")


def _sessions(
    actor: Actor, patient: Patient, q: CompareQueryIn
) -> tuple[PhotoSession, PhotoSession]:
    found = []
    for key in (q.before, q.after):
        session = get_for_actor(actor, PhotoSession, key)
        if session.patient_id != patient.pk:
            raise NotFound
        found.append(session)
    return found[0], found[1]


@router.get("/patients/{patient_id}/compare", response=ComparisonOut)
def compare(request: HttpRequest, patient_id: str, q: Query[CompareQueryIn]) -> dict[str, object]:
    """The change per side between two sessions' photos of one view, notes when the photo
    conditions differ, and the addresses of the pictures."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id)
    before, after = _sessions(actor, patient, q)
    result = comparison_between(before=before, after=after, view=q.view)
    audit_record(
        actor=actor,
        action="compare.view",
        patient=patient,
        target=patient,
        detail={"before": str(before.pk), "after": str(after.pk), "view": q.view},
    )
    base = reverse("api:compare_image", kwargs={"patient_id": patient.pk})
    query = {"before": str(before.pk), "after": str(after.pk), "view": q.view}
    gallery = can_manage_gallery(actor.user, patient) and bool(active_gallery_consents(patient))
    images: dict[str, str | None] = {
        kind: f"{base}?{urlencode({**query, 'kind': kind})}"
        for kind in ("sheet", "before", "after")
    }
    images["gallery"] = f"{base}?{urlencode({**query, 'kind': 'gallery'})}" if gallery else None
    return {
        "patient_id": patient.pk,
        "view": q.view,
        "before": session_summary(before, result.before.photo),
        "after": session_summary(after, result.after.photo),
        "sides": {s: side_change_dict(c) for s, c in result.comparison.sides.items()},
        "notes": list(result.comparison.notes),
        "images": images,
        "gallery_allowed": gallery,
    }


@router.get("/patients/{patient_id}/compare/image", response={200: bytes}, url_name="compare_image")
def compare_image(
    request: HttpRequest, patient_id: str, q: Query[CompareImageQueryIn]
) -> HttpResponse:
    """One comparison picture (see `kind`)."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id)
    before, after = _sessions(actor, patient, q)
    data, kind, filename = comparison_export(
        actor=actor,
        patient=patient,
        before=before,
        after=after,
        view=q.view,
        which=q.kind,
        region=Region(q.region),
    )
    return picture_response(data, kind, filename=filename)


def consent_out(consent: GalleryConsent) -> dict[str, object]:
    return {
        "id": consent.pk,
        "patient_id": consent.patient_id,
        "scope": consent.scope,
        "scope_label": consent.get_scope_display(),
        "granted_at": consent.granted_at,
        "note": consent.note,
        "recorded_by": consent.recorded_by.full_name if consent.recorded_by else None,
        "revoked_at": consent.revoked_at,
        "active": consent.is_active,
    }


@router.get("/patients/{patient_id}/gallery-consents", response=list[ConsentOut])
def consents(request: HttpRequest, patient_id: str) -> list[dict[str, object]]:
    """Every gallery consent of the patient, withdrawn ones included."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, action="gallery_consent.list")
    return [consent_out(c) for c in gallery_consents(patient)]


@router.post("/patients/{patient_id}/gallery-consents", response={201: ConsentOut})
def consent_record(request: HttpRequest, patient_id: str, data: ConsentIn) -> dict[str, object]:
    """Record the patient's signed gallery consent (clinic staff)."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    consent = gallery_consent_record(actor=actor, patient=patient, scope=data.scope, note=data.note)
    return consent_out(consent)


@router.post("/gallery-consents/{consent_id}/withdraw", response=ConsentOut)
def consent_withdraw(request: HttpRequest, consent_id: str) -> dict[str, object]:
    """Withdraw a consent (the patient or clinic staff)."""
    actor = api_actor(request)
    consent = get_for_actor(actor, GalleryConsent, consent_id)
    return consent_out(gallery_consent_revoke(actor=actor, consent=consent))
