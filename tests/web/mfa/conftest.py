"""What the two-step sign-in tests share: staff with an authenticator app, real codes
from the device's key, and signing in through the password form."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hipdip.web.accounts.models import Role, User

from ..factories import PASSWORD, ClinicFactory, StaffFactory


def totp_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or `steps_ahead` periods later)."""
    device.refresh_from_db()
    otp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    otp.time = time.time() + steps_ahead * device.step
    return f"{otp.token():0{device.digits}d}"


def with_app(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def password_sign_in(client: Client, user: User, *, next_url: str = "") -> Any:
    data = {"username": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/accounts/login/", data)


@pytest.fixture
def clinic(db: Any) -> Any:
    return ClinicFactory(name="Lake Clinic")


@pytest.fixture
def surgeon(clinic: Any) -> User:
    return StaffFactory(clinic=clinic, role=Role.SURGEON, email="surgeon@example.com")


@pytest.fixture
def coordinator(clinic: Any) -> User:
    return StaffFactory(clinic=clinic, role=Role.COORDINATOR, email="coord@example.com")


@pytest.fixture
def clinic_admin(clinic: Any) -> User:
    return StaffFactory(clinic=clinic, role=Role.CLINIC_ADMIN, email="admin@example.com")
