"""What the picture pages share: the error answer of picture endpoints, the plan in the
query, and whether the patient is looking at their own record."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse

from hipdip.web.access import NotFound
from hipdip.web.accounts.actor import Actor
from hipdip.web.assessments.plans import PlanRefused, check_plan
from hipdip.web.core.errors import DomainError
from hipdip.web.patients.models import Patient


def picture_endpoint(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Picture endpoints answer a photo that cannot be used with 422 and the reason."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except DomainError as exc:
            return HttpResponse(
                exc.message, status=exc.status_code, content_type="text/plain; charset=utf-8"
            )

    return wrapped


def plan_or_404(raw: str | None, patient: Patient) -> Any:
    """The plan named in the query (``?plan=``), None without one; 404 for a foreign one."""
    try:
        return check_plan(raw, patient=patient)
    except PlanRefused as exc:
        raise NotFound from exc


def is_own(actor: Actor, patient: Patient) -> bool:
    """Whether the patient is looking at their own record."""
    return actor.user is not None and patient.user_id == actor.user.pk
