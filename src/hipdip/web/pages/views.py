"""Public pages (home with the latest articles, photo guide, trying the measurement without
an account) and the dashboard redirect."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from hipdip.vision import MAX_HEIGHT_CM, MIN_HEIGHT_CM
from hipdip.web.accounts.actor import client_ip
from hipdip.web.articles.selectors import latest_articles
from hipdip.web.core.errors import Throttled
from hipdip.web.pages.trial import InMemoryUploadHandler, trial_analyse, trial_rate_check
from hipdip.web.patients.selectors import patient_of_user


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html", {"latest_articles": latest_articles(limit=3)})


@require_GET
def guide(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/guide.html")


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Where signing in leads: a patient's own page, or the staff home."""
    user = request.user
    patient = patient_of_user(user)  # type: ignore[arg-type]
    if patient is not None:
        return redirect("patients:detail", patient_id=patient.pk)
    if getattr(user, "is_clinic_staff", False):
        return redirect("workspace:home")
    return render(request, "pages/no_role.html", status=403)


class TrialForm(forms.Form):
    photo = forms.FileField(label="A front or back photo (JPEG, PNG, WebP or HEIC)")
    height_cm = forms.FloatField(
        label="Your height in cm", min_value=MIN_HEIGHT_CM, max_value=MAX_HEIGHT_CM
    )
    view = forms.ChoiceField(
        label="The photo shows my", choices=[("front", "Front"), ("back", "Back")]
    )

    def clean_photo(self) -> bytes:
        upload = self.cleaned_data["photo"]
        if upload.size > settings.HIPDIP_MAX_UPLOAD_BYTES:
            limit = settings.HIPDIP_MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"The photo is larger than {limit} MB.")
        data: bytes = upload.read()
        return data


@csrf_exempt  # CSRF is checked below, after the upload handlers are set
@require_http_methods(["GET", "POST"])
def try_it(request: HttpRequest) -> HttpResponse:
    """Measure one photo without an account; nothing is stored or logged."""
    request.upload_handlers = [InMemoryUploadHandler(request)]
    return _try_it(request)


@csrf_protect
def _try_it(request: HttpRequest) -> HttpResponse:
    form = TrialForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                trial_rate_check(address=client_ip(request))
            except Throttled as exc:
                form.add_error(None, exc.message)
                status = 429
            else:
                result = trial_analyse(
                    data=form.cleaned_data["photo"],
                    height_cm=form.cleaned_data["height_cm"],
                    view=form.cleaned_data["view"],
                )
        else:
            status = 400
    response = render(request, "pages/try.html", {"form": form, "result": result}, status=status)
    response["Cache-Control"] = "no-store"
    return response
