"""Enquiries a patient sent through the clinic's contact form (leads, which have no link to
the record) go with the patient: matched by email in any case, only in the patient's
clinic; in the export, and erased with the record (counted, never named, in the trail)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Clinic, User
from hipdip.web.audit.models import AuditEvent
from hipdip.web.leads.models import Lead
from hipdip.web.leads.services import lead_update
from hipdip.web.patients.models import Patient

from ..conftest import World

pytestmark = pytest.mark.django_db

ClientOf = Callable[[User | None], Client]


def _lead(clinic: Clinic, email: str, **extra: Any) -> Lead:
    lead = Lead(
        clinic=clinic,
        name=extra.pop("name", "Olivia Own"),
        email=email,
        interest="surgery",
        message=extra.pop("message", "Asking about the surgery before my first visit."),
        phone="+442079460123",
        consent_at=timezone.now(),
        **extra,
    )
    lead.save()
    return lead


def _leads(world: World) -> dict[str, Lead]:
    """The patient's two enquiries (one typed in capitals), and two that are not theirs."""
    patient = world.own.patient
    clinic = patient.clinic
    assert clinic is not None
    theirs = _lead(clinic, patient.email)
    shouting = _lead(clinic, patient.email.upper(), message="Second try.")
    lead_update(actor=Actor(world.coordinator, "web"), lead=theirs, status="contacted", notes="")
    other_clinic = world.foreign_staff.clinic
    assert other_clinic is not None
    return {
        "theirs": theirs,
        "shouting": shouting,
        "elsewhere": _lead(other_clinic, patient.email, message="Same email, another clinic."),
        "stranger": _lead(clinic, "stranger@example.org", name="Stan Stranger"),
    }


def _zip(response: Any) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_erasure_takes_the_patients_leads_and_only_counts_them(
    world: World, api_client: ClientOf
) -> None:
    leads = _leads(world)
    patient = world.own.patient
    answer = api_client(world.clinic_admin).post(
        f"/api/patients/{patient.pk}/erasure",
        {"confirm": patient.full_name},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["leads"] == 2
    assert not Lead.objects.filter(pk__in=[leads["theirs"].pk, leads["shouting"].pk]).exists()
    # Another clinic's lead and another person's stay.
    assert set(Lead.objects.values_list("pk", flat=True)) == {
        leads["elsewhere"].pk,
        leads["stranger"].pk,
    }
    erased = AuditEvent.objects.get(action="privacy.erase")
    assert erased.detail["leads"] == 2
    trail = json.dumps(list(AuditEvent.objects.values()), default=str)
    for secret in ("Asking about the surgery", "Second try", "+442079460123", patient.email):
        assert secret not in trail


def test_a_refused_erasure_leaves_the_leads(world: World, api_client: ClientOf) -> None:
    leads = _leads(world)
    answer = api_client(world.clinic_admin).post(
        f"/api/patients/{world.own.patient.pk}/erasure",
        {"confirm": "Someone Else"},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert Lead.objects.count() == len(leads)


def test_the_export_holds_the_patients_leads_and_no_one_elses(
    world: World, web_client: ClientOf
) -> None:
    leads = _leads(world)
    patient = world.own.patient
    response = web_client(world.patient).get(f"/patients/{patient.pk}/export.zip")
    assert response.status_code == 200
    archive = _zip(response)
    records = json.loads(archive.read("records.json"))
    exported = {r["pk"] for r in records if r["model"] == "leads.lead"}
    assert exported == {str(leads["theirs"].pk), str(leads["shouting"].pk)}
    assert "contact form" in archive.read("README.txt").decode()
    event = AuditEvent.objects.get(action="privacy.export")
    assert event.detail["leads"] == 2


def test_the_privacy_page_says_the_leads_go_too(world: World, web_client: ClientOf) -> None:
    _leads(world)
    page = web_client(world.clinic_admin).get(f"/patients/{world.own.patient.pk}/privacy/")
    assert page.status_code == 200
    assert b"2 enquiries from the contact form sent with their email" in page.content
    quiet = web_client(world.clinic_admin).get(f"/patients/{world.other.patient.pk}/privacy/")
    assert b"enquir" not in quiet.content


def test_a_patient_without_a_clinic_has_no_leads_to_erase(world: World) -> None:
    from hipdip.web.privacy.selectors import patient_leads

    solo = Patient.objects.get(user=world.self_signed)
    _leads(world)
    _lead(world.coordinator.clinic, solo.email)  # type: ignore[arg-type]
    assert patient_leads(solo) == []
