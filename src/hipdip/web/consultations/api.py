"""API: a patient's intake (draft saves, submission, changes), its history, screening
findings and the surgeon's overrides. The same services as the web pages."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from hipdip.care.findings import Finding
from hipdip.web.access import Perm, get_for_actor
from hipdip.web.accounts.api_helpers import api_actor
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.selectors import source_citation
from hipdip.web.consultations import services
from hipdip.web.consultations.answers import missing_answers
from hipdip.web.consultations.models import Intake
from hipdip.web.consultations.schemas import (
    FindingOut,
    IntakeChangeOut,
    IntakeIn,
    IntakeOut,
    IntakeSavedOut,
    OverrideOut,
    QuestionnaireInfo,
    QuestionOut,
    ScreeningOut,
)
from hipdip.web.consultations.selectors import (
    all_questions,
    intake_history,
    intake_of,
    questionnaire_of,
    screening_for,
)
from hipdip.web.patients.models import Patient

router = Router(tags=["consultation"])


def intake_out(patient: Patient, intake: Intake | None) -> IntakeOut:
    questionnaire = questionnaire_of(intake, patient)
    answers = dict(intake.answers) if intake else {}
    return IntakeOut(
        id=intake.pk if intake else None,
        patient_id=patient.pk,
        status=intake.status if intake else "none",
        version=intake.version if intake else 0,
        answers=answers,
        questionnaire=QuestionnaireInfo(
            instrument=str(questionnaire.instrument),
            title=questionnaire.title,
            wording=questionnaire.wording,
        ),
        missing=missing_answers(answers, all_questions(questionnaire)),
        created_at=intake.created_at if intake else None,
        updated_at=intake.updated_at if intake else None,
        submitted_at=intake.submitted_at if intake else None,
    )


@router.get("/patients/{patient_id}/intake/questions", response=list[QuestionOut])
def intake_questions(request: HttpRequest, patient_id: str) -> list[QuestionOut]:
    """The questions of this patient's intake (the body-image items are the clinic's)."""
    patient = get_for_actor(api_actor(request), Patient, patient_id)
    return [
        QuestionOut(
            name=q.name,
            section=q.section,
            label=q.label,
            kind=str(q.kind),
            help=q.help,
            choices=[[v, label] for v, label in q.choices],
            unit=q.unit,
            min=float(q.lo) if q.lo is not None else None,
            max=float(q.hi) if q.hi is not None else None,
            required=q.required,
        )
        for q in all_questions(questionnaire_of(intake_of(patient), patient))
    ]


@router.get("/patients/{patient_id}/intake", response=IntakeOut)
def intake_get(request: HttpRequest, patient_id: str) -> IntakeOut:
    """The intake with its answers (status "none" and version 0 before the first save)."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id)
    intake = intake_of(patient)
    audit_record(actor=actor, action="intake.view", patient=patient, target=intake or patient)
    return intake_out(patient, intake)


@router.put("/patients/{patient_id}/intake", response=IntakeSavedOut)
def intake_put(request: HttpRequest, patient_id: str, data: IntakeIn) -> IntakeSavedOut:
    """Save answers. A draft keeps every valid answer and lists the rejected ones; a
    submitted intake is changed only when every answer is valid, and the change is kept
    in its history."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    current = intake_of(patient)
    if current is not None and current.is_submitted:
        intake, _ = services.intake_update(
            actor=actor, patient=patient, raw=data.answers, version=data.version
        )
        return IntakeSavedOut(intake=intake_out(patient, intake), rejected={})
    saved = services.intake_save_draft(
        actor=actor, patient=patient, raw=data.answers, version=data.version
    )
    return IntakeSavedOut(
        intake=intake_out(patient, saved.intake or current), rejected=saved.rejected
    )


@router.post("/patients/{patient_id}/intake/submit", response=IntakeOut)
def intake_submit(request: HttpRequest, patient_id: str, data: IntakeIn) -> IntakeOut:
    """Send the intake (with any last answers). 422 invalid_answers lists what is missing."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    intake = services.intake_submit(
        actor=actor, patient=patient, raw=data.answers, version=data.version
    )
    return intake_out(patient, intake)


@router.get("/patients/{patient_id}/intake/history", response=list[IntakeChangeOut])
def intake_history_get(request: HttpRequest, patient_id: str) -> list[IntakeChangeOut]:
    """Who sent or changed the answers, what changed and when (newest first)."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id)
    intake = intake_of(patient)
    audit_record(
        actor=actor, action="intake.history.view", patient=patient, target=intake or patient
    )
    if intake is None:
        return []
    return [
        IntakeChangeOut(kind=c.kind, at=c.at, by=c.by_name, by_role=c.by_role, changes=c.changes)
        for c in intake_history(intake)
    ]


def finding_out(f: Finding, *, staff: bool, override_ids: dict[str, int]) -> FindingOut:
    return FindingOut(
        code=f.code,
        severity=str(f.severity),
        text=f.staff_text if staff else f.patient_text,
        source_id=f.source_id,
        source=source_citation(f.source_id),
        override=OverrideOut(
            id=override_ids.get(f.code),
            reason=f.override.reason,
            surgeon=f.override.surgeon,
            decided_on=f.override.decided_on,
        )
        if f.override and staff
        else None,
    )


@router.get("/patients/{patient_id}/screening", response=ScreeningOut)
def screening_get(request: HttpRequest, patient_id: str) -> ScreeningOut:
    """Findings from the submitted intake and the latest measurements. Staff get the
    clinical text and the overrides; a patient gets the plain-words text."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, action="screening.view")
    screening = screening_for(patient)
    staff = bool(actor.user and actor.user.is_clinic_staff)
    ids = {o.code: o.pk for o in screening.overrides}
    return ScreeningOut(
        ready=screening.ready,
        findings=[
            finding_out(f, staff=staff, override_ids=ids)
            for f in screening.findings
            if staff or f.patient_text
        ],
        unresolved_stops=[f.code for f in screening.unresolved_stops] if staff else [],
        body_image=screening.body_image.staff_summary if staff and screening.body_image else None,
    )
