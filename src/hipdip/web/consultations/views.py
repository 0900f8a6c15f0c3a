"""Consultation pages: the intake (autosaved draft, submission, changes with history),
the consultation overview with screening findings, and the surgeon's overrides."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hipdip.care.bodyimage import Instrument
from hipdip.web.access import NotFound, Perm, get_for_actor, require_surgeon
from hipdip.web.accounts.actor import Actor, actor_from_request
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.selectors import care_settings_for_patient
from hipdip.web.consultations import services
from hipdip.web.consultations.forms import layout, raw_from_post, version_from_post
from hipdip.web.consultations.models import FindingOverride, Intake
from hipdip.web.consultations.presenters import (
    summary_sections,
)
from hipdip.web.consultations.questions import ALLERGY_KINDS
from hipdip.web.consultations.selectors import (
    all_questions,
    intake_history,
    intake_of,
    medication_notes,
    questionnaire_of,
    section_states,
)
from hipdip.web.core.errors import Conflict, DomainError
from hipdip.web.patients.models import Patient
from hipdip.web.patients.selectors import current_height


def _patient(request: HttpRequest, patient_id: str, *, perm: Perm = Perm.VIEW) -> Patient:
    return get_for_actor(actor_from_request(request, channel="web"), Patient, patient_id, perm=perm)


@login_required
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest, patient_id: str) -> HttpResponse:
    """The questionnaire: a draft form, or the sent answers (``?edit=1`` to change them)."""
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(
        actor, Patient, patient_id, perm=Perm.CHANGE if request.method == "POST" else Perm.VIEW
    )
    current = intake_of(patient)
    if request.method == "POST":
        return _intake_post(request, actor, patient, current)
    audit_record(actor=actor, action="intake.view", patient=patient, target=current or patient)
    if current is not None and current.is_submitted and request.GET.get("edit") != "1":
        return render(
            request,
            "consultations/intake_summary.html",
            _summary_context(request, patient, current),
        )
    values = dict(current.answers) if current else {}
    recorded = current_height(patient)
    if recorded is not None and not values.get("height_cm"):
        values["height_cm"] = str(recorded.height_cm)  # the one height, offered again
    return _render_form(request, patient, current, values, {}, status=200)


def _intake_post(
    request: HttpRequest, actor: Actor, patient: Patient, current: Intake | None
) -> HttpResponse:
    questions = all_questions(questionnaire_of(current, patient))
    raw = raw_from_post(request.POST, questions)
    version = version_from_post(request.POST)
    action = request.POST.get("action", "save")
    try:
        if action == "submit":
            services.intake_submit(actor=actor, patient=patient, raw=raw, version=version)
            messages.success(request, _sent_message(request, patient))
            return redirect("consultations:intake", patient_id=patient.pk)
        if action == "update":
            _, changes = services.intake_update(
                actor=actor, patient=patient, raw=raw, version=version
            )
            messages.success(
                request,
                f"Saved {len(changes)} change{'s' if len(changes) != 1 else ''}."
                if changes
                else "Nothing had changed.",
            )
            return redirect("consultations:intake", patient_id=patient.pk)
        saved = services.intake_save_draft(actor=actor, patient=patient, raw=raw, version=version)
    except services.AnswersInvalid as exc:
        errors = {k: str(v) for k, v in (exc.details or {}).items()}
        messages.error(request, exc.message)
        return _render_form(request, patient, current, _values(current, raw), errors, status=422)
    except Conflict as exc:
        # Reloading would lose what was entered (ticks included): show it again instead,
        # over the answers saved meanwhile, with the current version to send it against.
        messages.error(request, f"{exc.message.split('.')[0]}. {_KEPT_AFTER_CONFLICT}")
        return _render_form(request, patient, current, _values(current, raw), {}, status=409)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("consultations:intake", patient_id=patient.pk)
    if saved.rejected:
        messages.error(request, "Some answers could not be saved; see the messages below.")
        return _render_form(
            request,
            patient,
            saved.intake or current,
            _values(saved.intake or current, raw),
            saved.rejected,
            status=422,
        )
    messages.success(request, "Draft saved. You can come back and finish it any time.")
    return redirect("consultations:intake", patient_id=patient.pk)


_KEPT_AFTER_CONFLICT = (
    "Everything you entered is still below, over the answers saved meanwhile: check it and "
    "press the button again."
)


def _values(current: Intake | None, raw: dict[str, Any]) -> dict[str, Any]:
    """What to show in the form again: stored answers overlaid with what was posted."""
    return {**(current.answers if current else {}), **raw}


def _sent_message(request: HttpRequest, patient: Patient) -> str:
    if request.user.pk == patient.user_id:
        return "Thank you. Your answers have been sent to your clinic."
    return "The answers have been submitted."


def _render_form(
    request: HttpRequest,
    patient: Patient,
    current: Intake | None,
    values: dict[str, Any],
    errors: dict[str, str],
    *,
    status: int,
) -> HttpResponse:
    return render(
        request,
        "consultations/intake_form.html",
        _form_context(request, patient, current, values, errors),
        status=status,
    )


def _form_context(
    request: HttpRequest,
    patient: Patient,
    current: Intake | None,
    values: dict[str, Any],
    errors: dict[str, str],
) -> dict[str, Any]:
    questionnaire = questionnaire_of(current, patient)
    questions = all_questions(questionnaire)
    fields = layout(questions, values, errors, bddq=questionnaire.instrument is Instrument.BDDQ_AS)
    stored = current.answers if current else {}
    return {
        "patient": patient,
        "intake": current,
        "is_own": request.user.pk == patient.user_id,
        "editing_sent": bool(current and current.is_submitted),
        "version": current.version if current else 0,
        "questionnaire": questionnaire,
        "sections": _sections(fields, stored, questions),
        "progress": section_states(stored, questions),
        "med_notes": medication_notes(
            stored.get("medications") or [], care_settings_for_patient(patient)
        ),
        "errors": errors,
        "allergy_kinds": ALLERGY_KINDS,
    }


def _sections(fields: list[Any], stored: dict[str, Any], questions: Any) -> list[dict[str, Any]]:
    states = {s.section.key: s for s in section_states(stored, questions)}
    return [
        {"state": state, "fields": [f for f in fields if f.q.section == key]}
        for key, state in states.items()
    ]


@login_required
@require_POST
def intake_autosave(request: HttpRequest, patient_id: str) -> HttpResponse:
    """Save the draft as the person goes (htmx); answers the status line and the inline
    messages. A stale form is told to reload rather than overwrite newer answers."""
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    current = intake_of(patient)
    questions = all_questions(questionnaire_of(current, patient))
    raw = raw_from_post(request.POST, questions)
    context: dict[str, Any] = {"patient": patient, "questions": questions}
    try:
        saved = services.intake_save_draft(
            actor=actor, patient=patient, raw=raw, version=version_from_post(request.POST)
        )
    except Conflict as exc:
        return render(request, "consultations/_autosave.html", {**context, "conflict": exc.message})
    except DomainError as exc:
        return render(request, "consultations/_autosave.html", {**context, "conflict": exc.message})
    intake_now = saved.intake or current
    stored = intake_now.answers if intake_now else {}
    context.update(
        {
            "saved": saved,
            "errors": saved.rejected,
            "error_rows": [(q.name, saved.rejected.get(q.name, "")) for q in questions],
            "version": intake_now.version if intake_now else 0,
            "progress": section_states(stored, questions),
            "med_notes": medication_notes(
                stored.get("medications") or [], care_settings_for_patient(patient)
            ),
            "saved_at": timezone.localtime(),
        }
    )
    return render(request, "consultations/_autosave.html", context)


def _summary_context(request: HttpRequest, patient: Patient, current: Intake) -> dict[str, Any]:
    questionnaire = questionnaire_of(current, patient)
    return {
        "patient": patient,
        "intake": current,
        "is_own": request.user.pk == patient.user_id,
        "questionnaire": questionnaire,
        "sections": summary_sections(current.answers, all_questions(questionnaire)),
        "history": list(intake_history(current)[:5]),
        "med_notes": medication_notes(
            current.answers.get("medications") or [], care_settings_for_patient(patient)
        ),
    }


@login_required
@require_GET
def intake_history_page(request: HttpRequest, patient_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id)
    current = intake_of(patient)
    audit_record(
        actor=actor, action="intake.history.view", patient=patient, target=current or patient
    )
    return render(
        request,
        "consultations/intake_history.html",
        {
            "patient": patient,
            "intake": current,
            "is_own": request.user.pk == patient.user_id,
            "history": list(intake_history(current)) if current else [],
        },
    )


@login_required
@require_POST
def override_withdraw(request: HttpRequest, patient_id: str, override_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    row = get_for_actor(actor, FindingOverride, override_id, perm=Perm.CHANGE)
    if row.patient_id != patient.pk:
        raise NotFound
    require_surgeon(actor)
    services.finding_override_withdraw(actor=actor, override=row)
    messages.success(request, "Override withdrawn: the finding counts again.")
    return redirect(consultation_url(patient))


def safe_next(request: HttpRequest, patient: Patient) -> str:
    """Back to the page the form was on, if it is one of this patient's pages."""
    target = request.POST.get("next", "")
    if target.startswith(f"/patients/{patient.pk}/") and "//" not in target:
        return target
    return consultation_url(patient)


def consultation_url(patient: Patient) -> str:
    """The patient's consultation page (composed above this app, linked by name only)."""
    from django.urls import reverse

    return reverse("consultation_page:consultation", kwargs={"patient_id": patient.pk})
