"""API tokens and the Django admin need the second step too."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from hipdip.web.accounts.models import ApiToken, Role, User
from hipdip.web.audit.models import AuditEvent, Outcome
from hipdip.web.mfa.models import MfaPolicy, Requirement

from ..factories import PASSWORD, StaffFactory
from .conftest import password_sign_in, totp_code, with_app


def _token(user: User) -> Any:
    return Client().post(
        "/api/auth/token",
        data=json.dumps({"email": user.email, "password": PASSWORD}),
        content_type="application/json",
    )


def test_a_password_alone_buys_no_api_token_for_someone_with_a_second_step(
    surgeon: User,
) -> None:
    with_app(surgeon)
    answer = _token(surgeon)
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "second_factor_required"
    assert not ApiToken.objects.exists()
    assert AuditEvent.objects.filter(action="auth.token_create", outcome=Outcome.DENIED).exists()


def test_nor_for_someone_the_clinic_requires_to_set_one_up(surgeon: User) -> None:
    MfaPolicy.objects.create(clinic=surgeon.clinic, required_for=Requirement.SURGEONS_AND_ADMINS)
    assert _token(surgeon).status_code == 403


def test_others_still_exchange_a_password_for_a_token(coordinator: User, world: Any) -> None:
    assert _token(coordinator).status_code == 201
    assert _token(world.patient).status_code == 201


def test_a_verified_session_creates_a_token_on_the_account_page(surgeon: User) -> None:
    device = with_app(surgeon)
    client = Client()
    password_sign_in(client, surgeon)
    assert client.post("/accounts/account/", {"name": "laptop"}).status_code == 302
    assert not ApiToken.objects.exists()
    client.post("/accounts/two-factor/verify/", {"code": totp_code(device)})
    assert client.post("/accounts/account/", {"name": "laptop"}).status_code == 200
    assert ApiToken.objects.filter(user=surgeon).count() == 1


def test_the_django_admin_asks_for_the_second_step(clinic: Any) -> None:
    admin = StaffFactory(clinic=clinic, role=Role.CLINIC_ADMIN, is_superuser=True)
    device = with_app(admin)
    client = Client()
    password_sign_in(client, admin)
    assert client.get("/admin/")["Location"].startswith("/accounts/two-factor/verify/")
    client.post("/accounts/two-factor/verify/", {"code": totp_code(device)})
    assert client.get("/admin/").status_code == 200


def test_the_admin_site_itself_refuses_an_unverified_session(clinic: Any, rf: Any) -> None:
    from django.contrib import admin as django_admin
    from django_otp.middleware import OTPMiddleware

    admin = StaffFactory(clinic=clinic, role=Role.CLINIC_ADMIN, is_superuser=True)
    request = rf.get("/admin/")
    request.user = admin
    request.session = {}
    OTPMiddleware(lambda r: None)._install_lazy_accessors(request)
    assert django_admin.site.has_permission(request)
    with_app(admin)
    assert not django_admin.site.has_permission(request)


def test_the_schema_documents_the_refusal(db: Any) -> None:
    schema = Client().get("/api/openapi.json").json()
    answers = schema["paths"]["/api/auth/token"]["post"]["responses"]
    assert answers["403"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
