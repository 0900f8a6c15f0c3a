"""The clinic admin sets who is on call and the escalation time; nobody else can."""

from __future__ import annotations

import pytest
from django.test import Client

from hipdip.web.accounts.models import Role
from hipdip.web.reminders.models import EscalationSettings

from ..factories import PASSWORD, ClinicFactory, StaffFactory

pytestmark = pytest.mark.django_db
URL = "/clinic/escalation/"


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


def test_the_clinic_admin_names_the_on_call_surgeon_and_the_time() -> None:
    clinic = ClinicFactory()
    admin = StaffFactory(clinic=clinic, role=Role.CLINIC_ADMIN)
    surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON)
    foreign = StaffFactory(role=Role.SURGEON)
    client = _client(admin)
    assert surgeon.full_name in client.get(URL).content.decode()
    bad = client.post(URL, {"escalation_minutes": 20, "on_call": foreign.pk})
    assert bad.status_code == 422
    assert client.post(URL, {"escalation_minutes": 2, "on_call": ""}).status_code == 422
    assert not EscalationSettings.objects.exists()
    assert client.post(URL, {"escalation_minutes": 20, "on_call": surgeon.pk}).status_code == 302
    row = EscalationSettings.objects.get(clinic=clinic)
    assert (row.escalation_minutes, row.on_call) == (20, surgeon)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.SURGEON])
def test_other_staff_cannot_change_it(role) -> None:  # type: ignore[no-untyped-def]
    client = _client(StaffFactory(role=role))
    assert client.get(URL).status_code == 403
