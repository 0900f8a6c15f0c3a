"""Staff: invitations. Anyone: self sign-up, which creates a patient record. (The staff's
patient list shows stages, alerts and visits, so it is composed in
:mod:`hipdip.web.workspace`; a patient's own page shows their photo sessions, so it is
composed in :mod:`hipdip.web.pages`.)"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from hipdip.web.accounts.actor import actor_from_request, client_ip
from hipdip.web.accounts.forms import SignUpForm
from hipdip.web.accounts.roles import require_staff
from hipdip.web.accounts.throttle import ResetVerdict, password_reset_attempt
from hipdip.web.core.errors import DomainError
from hipdip.web.patients.access import Perm, can_access_patient
from hipdip.web.patients.forms import PatientInviteForm, SignUpConfirmForm
from hipdip.web.patients.services import (
    patient_invite,
    patient_sign_up,
    patient_sign_up_confirm,
    sign_up_user_from_link,
)

PAGE_SIZE = 25


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    clinic = require_staff(actor)
    # A lead's "invite as patient" link fills in the name and email (?full_name=&email=).
    prefill = {k: request.GET.get(k, "")[:254] for k in ("full_name", "email")}
    form = PatientInviteForm(request.POST or None, initial=prefill)
    if request.method == "POST" and form.is_valid():
        try:
            sent = patient_invite(
                actor=actor,
                clinic=clinic,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                site_url=request.build_absolute_uri("/"),
            )
        except DomainError as exc:
            form.add_error("email", exc.message)
        else:
            messages.success(request, f"Invitation sent to {sent.invitation.user.email}.")
            patient = sent.invitation.user.patient
            return render(
                request,
                "patients/invite_sent.html",
                {
                    "sent": sent,
                    "patient": patient,
                    "can_open": can_access_patient(actor.user, patient, Perm.VIEW),
                    "show_links": settings.HIPDIP_SHOW_INVITE_LINKS,
                },
            )
    return render(request, "patients/invite.html", {"form": form, "clinic": clinic})


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    """Self sign-up for a self-assessment (no clinic needed). Whether or not the email
    already has an account, the answer is the same: check your email."""
    if request.user.is_authenticated:
        return redirect("pages:dashboard")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        verdict = password_reset_attempt(email=email, ip=client_ip(request), purpose="signup")
        if verdict is ResetVerdict.REFUSE:
            form.add_error(None, "Too many sign-ups from your network. Try again later.")
            return render(request, "patients/signup.html", {"form": form}, status=429)
        if verdict is ResetVerdict.QUIET:
            return redirect("accounts:signup_sent")
        try:
            patient_sign_up(
                actor=actor_from_request(request, channel="web"),
                email=email,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"],
                site_url=request.build_absolute_uri("/"),
            )
        except DomainError as exc:
            form.add_error("password" if exc.code == "weak_password" else "email", exc.message)
        else:
            return redirect("accounts:signup_sent")
    return render(request, "patients/signup.html", {"form": form})


@require_GET
def sign_up_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "patients/signup_sent.html")


@never_cache
@require_http_methods(["GET", "POST"])
def sign_up_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The emailed confirmation link: the person gives their password once more and is in."""
    user = sign_up_user_from_link(uidb64, token)
    if user is None:
        return render(request, "patients/signup_invalid.html", status=404)
    form = SignUpConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = patient_sign_up_confirm(
                actor=actor_from_request(request, channel="web"),
                user=user,
                password=form.cleaned_data["password"],
            )
        except DomainError as exc:
            form.add_error("password", exc.message)
        else:
            if request.user.is_authenticated:
                logout(request)
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            messages.success(request, "Welcome! Start with the photo guide, then add your photos.")
            return redirect("patients:detail", patient_id=user.patient.pk)
    return render(request, "patients/signup_confirm.html", {"form": form, "person": user})
