"""Public pages (home with the latest articles, photo guide) and the dashboard redirect."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from hipdip.web.articles.selectors import latest_articles
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
    """Where signing in leads: a patient's own page, or the staff's patient list."""
    user = request.user
    patient = patient_of_user(user)  # type: ignore[arg-type]
    if patient is not None:
        return redirect("patients:detail", patient_id=patient.pk)
    if getattr(user, "is_clinic_staff", False):
        return redirect("patients:list")
    return render(request, "pages/no_role.html", status=403)
