"""Helpers shared by the appointments pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hipdip.web.accounts.models import Clinic
from hipdip.web.appointments.slots import clinic_zone


def render_in_clinic_zone(
    request: HttpRequest, template: str, context: dict[str, Any], clinic: Clinic
) -> HttpResponse:
    """Render with the clinic's time zone active, so every time on the page is the
    clinic's wall-clock time (as its hours are)."""
    with timezone.override(clinic_zone(clinic)):
        return render(request, template, context)


def zone_label(clinic: Clinic) -> str:
    """The clinic's zone as people say it: "Berlin", "New York", "UTC"."""
    return str(clinic_zone(clinic)).rsplit("/", 1)[-1].replace("_", " ")
