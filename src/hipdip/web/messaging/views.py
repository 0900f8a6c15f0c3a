"""Message pages: a patient's thread (the patient and their clinic's staff), a message's
photo, assigning a thread, and the clinic's inbox."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hipdip.web.access import Perm, get_for_actor, require_staff
from hipdip.web.accounts.actor import Actor, actor_from_request
from hipdip.web.accounts.models import User
from hipdip.web.assessments.services.uploads import read_upload
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.selectors import default_timezone_for
from hipdip.web.core.errors import DomainError, UploadRejected
from hipdip.web.core.forms import form_add_domain_error
from hipdip.web.messaging.files import attachment_response
from hipdip.web.messaging.forms import AssignForm, MessageForm
from hipdip.web.messaging.selectors import (
    clinic_inbox,
    clinic_team,
    messages_of,
    thread_of,
    unread_count,
)
from hipdip.web.messaging.services import (
    MessageInvalid,
    message_send,
    thread_assign,
    thread_get_or_create,
    thread_mark_read,
)
from hipdip.web.patients.models import Patient

INBOX_FILTERS = ("all", "unread", "mine", "unassigned")


@login_required
@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, patient_id: str) -> HttpResponse:
    """The patient's thread; reading it is audited and marks it read for the reader."""
    actor = actor_from_request(request, channel="web")
    if request.method == "GET":
        patient = get_for_actor(actor, Patient, patient_id, action="message.thread.view")
        return _thread_page(request, actor, patient, MessageForm(), 200)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    form = MessageForm(request.POST, request.FILES)
    status = _send(actor, patient, form)
    if status is None:
        return redirect("messaging:thread", patient_id=patient.pk)
    # Refused: the thread is shown again with the form, which is a read of it.
    audit_record(actor=actor, action="message.thread.view", patient=patient, target=patient)
    return _thread_page(request, actor, patient, form, status)


def _send(actor: Actor, patient: Patient, form: MessageForm) -> int | None:
    """Send the form's message; None when sent, else the status to show the form with."""
    if not form.is_valid():
        return 422
    upload = form.cleaned_data.get("photo")
    try:
        image = read_upload(upload) if upload else None
        message_send(actor=actor, patient=patient, body=form.cleaned_data["body"], image=image)
    except MessageInvalid as exc:
        form_add_domain_error(form, exc)
        return 422
    except UploadRejected as exc:
        form.add_error("photo", exc.message)
        return 422
    except DomainError as exc:
        form.add_error(None, exc.message)
        return exc.status_code
    return None


def _thread_page(
    request: HttpRequest, actor: Actor, patient: Patient, form: MessageForm, status: int
) -> HttpResponse:
    assert actor.user is not None
    current = thread_of(patient)
    items = list(messages_of(current)) if current is not None else []
    unread = unread_count(thread=current, reader=actor.user) if current is not None else 0
    if current is not None:
        thread_mark_read(actor=actor, thread=current)
    is_own = patient.user_id == actor.user.pk
    assign_form = None
    if actor.user.is_clinic_staff and patient.clinic is not None:
        team = [(str(u.pk), u.full_name or u.email) for u in clinic_team(patient.clinic)]
        initial = {"assignee": str(current.assigned_to_id or "") if current else ""}
        assign_form = AssignForm(initial=initial, team=team)
    context = {
        "patient": patient,
        "thread": current,
        "items": items,
        "unread_before": unread,
        "form": form,
        "assign_form": assign_form,
        "is_own": is_own,
        "zone": default_timezone_for(patient.clinic),
    }
    return render(request, "messaging/thread.html", context, status=status)


@login_required
@require_POST
def assign(request: HttpRequest, patient_id: str) -> HttpResponse:
    """Give the thread to one of the clinic's staff, or back to the whole team."""
    actor = actor_from_request(request, channel="web")
    clinic = require_staff(actor)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    team = [(str(u.pk), u.full_name or u.email) for u in clinic_team(clinic)]
    form = AssignForm(request.POST, team=team)
    if not form.is_valid():
        flash.error(request, "Choose a member of the clinic's team.")
        return redirect("messaging:thread", patient_id=patient.pk)
    chosen = form.cleaned_data["assignee"]
    assignee = User.objects.filter(pk=chosen, clinic=clinic).first() if chosen else None
    thread_assign(actor=actor, thread=thread_get_or_create(patient=patient), assignee=assignee)
    who = (assignee.full_name or assignee.email) if assignee else "the whole team"
    flash.success(request, f"Messages are now looked after by {who}.")
    return redirect("messaging:thread", patient_id=patient.pk)


@login_required
@require_GET
def attachment(request: HttpRequest, message_id: str) -> FileResponse:
    """A message's photo, for the patient and their clinic's staff only."""
    return attachment_response(actor_from_request(request, channel="web"), message_id)


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """The clinic's message threads, newest first, with this reader's unread counts."""
    actor = actor_from_request(request, channel="web")
    clinic = require_staff(actor)
    assert actor.user is not None
    show = request.GET.get("show", "all")
    if show not in INBOX_FILTERS:
        show = "all"
    threads = clinic_inbox(clinic=clinic, reader=actor.user, show=show)
    page = Paginator(threads, 25).get_page(request.GET.get("page"))
    audit_record(actor=actor, action="message.inbox.view", detail={"show": show})
    return render(
        request,
        "messaging/inbox.html",
        {
            "clinic": clinic,
            "page": page,
            "show": show,
            "filters": INBOX_FILTERS,
            "zone": default_timezone_for(clinic),
        },
    )
