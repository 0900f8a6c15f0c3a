"""Sign in and out, invitations, password reset, the account page, the team. (Self
sign-up creates a patient: it is in :mod:`hipdip.web.patients.views`.)"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from hipdip.web.accounts.actor import actor_from_request, client_ip
from hipdip.web.accounts.forms import (
    ApiTokenForm,
    ConfirmPasswordForm,
    SetPasswordForm,
    SignInForm,
    StaffInviteForm,
)
from hipdip.web.accounts.models import STAFF_ROLES, ApiToken, Invitation, Role, User
from hipdip.web.accounts.roles import require_clinic_admin
from hipdip.web.accounts.services import (
    api_token_create,
    api_token_revoke,
    api_tokens_revoke_all,
    invitation_accept,
    invitation_behind_link,
    invitation_from_token,
    may_hold_api_tokens,
    staff_invite,
)
from hipdip.web.accounts.throttle import (
    ResetVerdict,
    login_failures_forgive,
    password_reset_attempt,
)
from hipdip.web.audit.services import audit_record
from hipdip.web.core.errors import DomainError


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit_record(actor=actor_from_request(request, channel="web"), action="auth.logout")
    logout(request)
    messages.info(request, "You are signed out.")
    return redirect("pages:home")


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """An emailed invitation link: choose a password (new account) or confirm it (join)."""
    inv = invitation_from_token(token)
    if inv is None:
        seen = invitation_behind_link(token)
        if seen is not None and seen.revoked_at is not None and seen.accepted_at is None:
            return render(
                request, "accounts/invitation_withdrawn.html", {"invitation": seen}, status=410
            )
        return render(request, "accounts/invitation_invalid.html", status=404)
    new_password = not inv.user.has_usable_password()
    form_class = SetPasswordForm if new_password else ConfirmPasswordForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                actor=actor_from_request(request, channel="web"),
                invitation=inv,
                password=form.cleaned_data["password"],
                new_password=new_password,
            )
        except DomainError as exc:
            form.add_error("password", exc.message)
        else:
            if request.user.is_authenticated:
                logout(request)
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            messages.success(request, f"Welcome to {inv.clinic.name}.")
            return redirect("pages:dashboard")
    return render(
        request,
        "accounts/invitation.html",
        {"invitation": inv, "form": form, "new_password": new_password},
    )


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """Profile and API tokens."""
    user: User = request.user  # type: ignore[assignment]
    actor = actor_from_request(request, channel="web")
    offers_tokens = may_hold_api_tokens(user)
    if request.method == "POST" and not offers_tokens:
        raise PermissionDenied("API tokens are for clinic staff.")
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = api_token_create(actor=actor, user=user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=user, revoked_at=None).order_by("-created_at")
    return render(
        request,
        "accounts/account.html",
        {
            "form": form,
            "tokens": tokens,
            "new_token": new_token,
            "offers_tokens": offers_tokens,
            "clinic_name": account_clinic_name(user),
        },
    )


def account_clinic_name(user: User) -> str:
    """The clinic a person belongs to: staff through their account, a patient through their
    record (the patients app's reverse relation, read by name so this app stays below it)."""
    if user.clinic is not None:
        return user.clinic.name
    clinic = getattr(getattr(user, "patient", None), "clinic", None)
    return str(clinic.name) if clinic is not None else ""


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user, revoked_at=None)
    api_token_revoke(actor=actor_from_request(request, channel="web"), token=token)
    messages.success(request, "The token is revoked.")
    return redirect("accounts:account")


@login_required
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest) -> HttpResponse:
    """Clinic admins: the clinic's staff, pending invitations, and inviting staff."""
    actor = actor_from_request(request, channel="web")
    clinic = require_clinic_admin(actor)
    form = StaffInviteForm(request.POST or None)
    sent = None
    if request.method == "POST" and form.is_valid():
        try:
            sent = staff_invite(
                actor=actor,
                clinic=clinic,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                role=form.cleaned_data["role"],
                site_url=request.build_absolute_uri("/"),
            )
        except DomainError as exc:
            form.add_error("email", exc.message)
        else:
            messages.success(request, f"Invitation sent to {sent.invitation.user.email}.")
            form = StaffInviteForm()
    staff = User.objects.filter(clinic=clinic).exclude(role="patient").order_by("full_name")
    pending = Invitation.objects.filter(
        clinic=clinic, accepted_at=None, revoked_at=None
    ).select_related("user")
    return render(
        request,
        "accounts/team.html",
        {
            "clinic": clinic,
            "staff": staff,
            "pending": [i for i in pending if i.is_usable],
            "form": form,
            "sent": sent,
            "show_links": settings.HIPDIP_SHOW_INVITE_LINKS,
            "roles": [(r.value, r.label) for r in Role if r in STAFF_ROLES],
            "me": actor.user,
        },
    )


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        verdict = password_reset_attempt(
            email=form.cleaned_data["email"], ip=client_ip(self.request)
        )
        if verdict is ResetVerdict.REFUSE:
            form.add_error(None, "Too many password reset requests from your network. Try later.")
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        if verdict is ResetVerdict.QUIET:
            # The same answer as a sent email: nothing tells whether the account exists.
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        actor = actor_from_request(self.request, channel="web", user=user)
        audit_record(actor=actor, action="auth.password_reset", target=user)
        # Whoever knew the old password may hold API tokens too: they end with it.
        api_tokens_revoke_all(actor=actor, user=user)
        # The holder proved they own the mailbox: failures on other addresses no longer
        # pause their sign-in from a new one.
        login_failures_forgive(email=user.email)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
