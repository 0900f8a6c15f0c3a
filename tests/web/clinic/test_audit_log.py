"""The clinic's audit log page: its admins read, filter and download their clinic's
trail; nobody edits it."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from hipdip.web.audit.models import AuditEvent, Outcome

from ..conftest import World

pytestmark = pytest.mark.django_db


def _actions(**filters: Any) -> list[str]:
    return list(AuditEvent.objects.filter(**filters).values_list("action", flat=True))


def test_the_clinic_admin_sees_and_filters_the_log(
    world: World, web_client: Callable[..., Client]
) -> None:
    web_client(world.surgeon).get(f"/patients/{world.own.patient.pk}/")
    web_client(world.coordinator).get(f"/patients/{world.other.patient.pk}/")
    web_client(world.foreign_staff).get(f"/patients/{world.foreign.patient.pk}/")
    admin = web_client(world.clinic_admin)

    page = admin.get("/clinic/audit/").content.decode()
    assert world.surgeon.email in page and world.coordinator.email in page
    assert world.foreign_staff.email not in page  # another clinic's log stays there

    by_actor = admin.get("/clinic/audit/", {"actor": "surgeon"}).content.decode()
    assert world.surgeon.email in by_actor and world.coordinator.email not in by_actor
    by_patient = admin.get("/clinic/audit/", {"patient": "Oscar"}).content.decode()
    assert world.coordinator.email in by_patient and world.surgeon.email not in by_patient
    by_action = admin.get("/clinic/audit/", {"action": "patient.view"}).content.decode()
    assert "patient.view" in by_action
    by_date = admin.get("/clinic/audit/", {"date_from": "2000-01-01", "date_to": "2000-01-02"})
    assert b"No events match" in by_date.content


def test_denied_attempts_show_up_for_the_clinic_admin(
    world: World, web_client: Callable[..., Client]
) -> None:
    web_client(world.foreign_staff).get(f"/patients/{world.own.patient.pk}/")
    page = web_client(world.clinic_admin).get("/clinic/audit/", {"outcome": "denied"})
    assert world.foreign_staff.email.encode() in page.content
    event = AuditEvent.objects.get(outcome=Outcome.DENIED)
    assert event.clinic == world.own.patient.clinic


def test_the_log_downloads_as_csv_without_formula_injection(
    world: World, web_client: Callable[..., Client]
) -> None:
    AuditEvent.objects.create(
        action="auth.login",
        outcome=Outcome.FAILED,
        channel="web",
        clinic=world.clinic_admin.clinic,
        actor_email='=HYPERLINK("x")',
    )
    response = web_client(world.clinic_admin).get("/clinic/audit/", {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["time_utc", "actor", "role", "action"]
    assert any(r[1] == '\'=HYPERLINK("x")' for r in rows[1:])
    assert "audit.export" in _actions(actor=world.clinic_admin)


def test_nobody_edits_the_audit_log_in_the_admin(
    world: World, web_client: Callable[..., Client]
) -> None:
    event = AuditEvent.objects.create(action="x", channel="web", clinic=world.clinic_admin.clinic)
    admin = web_client(world.clinic_admin)
    assert (
        admin.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert AuditEvent.objects.filter(pk=event.pk).exists()
