"""The JSON API: one NinjaAPI at /api (docs at /api/docs, schema at /api/openapi.json).

Requests authenticate with `Authorization: Bearer <token>` from `POST /api/auth/token`.
Every error, whatever its cause, has the shape of `hipdip.web.core.api_errors`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import HttpBearer

from hipdip.web.accounts.api import router as accounts_router
from hipdip.web.accounts.services import api_token_authenticate
from hipdip.web.appointments.api import router as appointments_router
from hipdip.web.assessments.api.pictures import router as imaging_router
from hipdip.web.assessments.api.sessions import router as photos_router
from hipdip.web.consultation_page.api import router as consultation_page_router
from hipdip.web.consultations.api import router as consultations_router
from hipdip.web.core import api_errors
from hipdip.web.documents.api import router as documents_router
from hipdip.web.leads.api import router as leads_router
from hipdip.web.messaging.api import router as messaging_router
from hipdip.web.patients.api import router as patients_router
from hipdip.web.plans.api import router as plans_router
from hipdip.web.privacy.api import router as privacy_router
from hipdip.web.recovery.api import router as recovery_router
from hipdip.web.results.api import router as results_router
from hipdip.web.training.api import router as training_router
from hipdip.web.workspace.api import router as workspace_router


class BearerToken(HttpBearer):
    """API tokens; only their SHA-256 is stored."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token.strip())
        if user is not None:
            request.user = user
        return user


class HipdipAPI(NinjaAPI):
    """The API, whose schema also lists each operation's 4xx answers in the error shape."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return api_errors.document_error_responses(super().get_openapi_schema(**kwargs))


api = HipdipAPI(
    title="hipdip API",
    version="1",
    description=(
        "Patients, photo sessions and hip-dip measurements of a clinic. "
        "Get a token with `POST /api/auth/token`, then send `Authorization: Bearer <token>`. "
        "Errors always look like "
        '`{"error": {"code": "...", "message": "...", "details": ...}}`.'
    ),
    auth=BearerToken(),
    urls_namespace="api",
)
api_errors.install(api)
api.add_router("", accounts_router)
api.add_router("", patients_router)
api.add_router("", photos_router)
api.add_router("", recovery_router)
api.add_router("", training_router)
api.add_router("", imaging_router)
api.add_router("", consultations_router)
api.add_router("", consultation_page_router)
api.add_router("", plans_router)
api.add_router("", documents_router)
api.add_router("", leads_router)
api.add_router("", results_router)
api.add_router("", appointments_router)
api.add_router("", privacy_router)
api.add_router("", messaging_router)
api.add_router("", workspace_router)
