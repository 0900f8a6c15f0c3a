"""The clinic admin's page: who must use two-step sign-in, and who has set it up."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hipdip.web.access import require_clinic_admin
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.mfa.forms import PolicyForm
from hipdip.web.mfa.models import Requirement
from hipdip.web.mfa.selectors import mfa_policy_for, mfa_policy_row, mfa_staff_status
from hipdip.web.mfa.services import mfa_policy_set


@login_required
@require_http_methods(["GET", "POST"])
def policy(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    clinic = require_clinic_admin(actor)
    form = PolicyForm(request.POST or None, initial={"required_for": mfa_policy_for(clinic).value})
    if request.method == "POST" and form.is_valid():
        mfa_policy_set(
            actor=actor, clinic=clinic, required_for=Requirement(form.cleaned_data["required_for"])
        )
        messages.success(request, "Saved. People newly required are asked at their next page.")
        return redirect("mfa:policy")
    row = mfa_policy_row(clinic)
    return render(
        request,
        "mfa/policy.html",
        {
            "clinic": clinic,
            "form": form,
            "row": row,
            "undecided": row is not None and row.chosen_by_id is None,
            "staff": mfa_staff_status(clinic),
        },
    )
