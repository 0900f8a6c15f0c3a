"""The page where each person (patient or staff) sets how the clinic reaches them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.notifications.forms import PreferenceForm
from hipdip.web.notifications.selectors import preference_of, timezone_of
from hipdip.web.notifications.services import preference_save


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    user = actor.user
    assert user is not None
    pref = preference_of(user)
    form = PreferenceForm(
        request.POST or None,
        initial={
            "channels": pref.channels,
            "phone": pref.phone,
            "quiet_start": pref.quiet_start,
            "quiet_end": pref.quiet_end,
            "timezone": pref.timezone,
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                preference_save(
                    actor=actor,
                    user=user,
                    channels=d["channels"],
                    phone=d["phone"],
                    quiet_start=d["quiet_start"],
                    quiet_end=d["quiet_end"],
                    tz=d["timezone"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, "Your notification settings are saved.")
                return redirect("notifications:preferences")
        status = 422
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "zone": timezone_of(user, pref)},
        status=status,
    )
