"""The clinic admin's page for escalations: who is on call and after how long."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hipdip.web.access import require_clinic_admin
from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.reminders.forms import EscalationForm
from hipdip.web.reminders.services import escalation_settings_for, escalation_settings_save


@login_required
@require_http_methods(["GET", "POST"])
def escalation(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    clinic = require_clinic_admin(actor)
    current = escalation_settings_for(clinic)
    form = EscalationForm(
        request.POST or None,
        clinic=clinic,
        initial={"escalation_minutes": current.escalation_minutes, "on_call": current.on_call},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                escalation_settings_save(
                    actor=actor,
                    clinic=clinic,
                    escalation_minutes=form.cleaned_data["escalation_minutes"],
                    on_call=form.cleaned_data["on_call"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, "Escalation settings saved.")
                return redirect("reminders:escalation")
        status = 422
    return render(
        request, "reminders/escalation.html", {"form": form, "clinic": clinic}, status=status
    )
