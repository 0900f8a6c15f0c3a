"""A patient's data export (zip with FHIR bundle, records, every file and its hash) and
erasure (no row and no file left, an audit trail without health data), for the clinic's
staff, the patient themselves, and nobody else."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.utils import timezone

from hipdip.web.accounts.models import Role, User
from hipdip.web.audit.models import AuditEvent
from hipdip.web.audit.services import audit_record
from hipdip.web.patients.models import Patient
from hipdip.web.privacy.selectors import patient_files

from ..conftest import World, make_record
from ..consultations.helpers import (
    actor,
    approved_plan,
    measured_session,
    recorded_procedure,
    submitted_intake,
)
from ..factories import PatientFactory

pytestmark = pytest.mark.django_db

ClientOf = Callable[[User | None], Client]


def full_record(world: World) -> Patient:
    """The world's own patient with photos, intake, plan and procedure as well."""
    patient = world.own.patient
    measured_session(patient)
    submitted_intake(patient, patient.user)
    approved_plan(patient, world.surgeon, surgery_date=timezone.localdate() + dt.timedelta(days=30))
    recorded_procedure(patient, world.surgeon)
    # The patient's own sign-in events carry their email and address.
    audit_record(actor=actor(patient.user), action="patient.view", patient=patient)
    return patient


def _zip(response: Any) -> zipfile.ZipFile:
    body = b"".join(response.streaming_content)
    return zipfile.ZipFile(io.BytesIO(body))


def _media(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / name


def test_export_holds_every_file_with_its_hash(world: World, api_client: ClientOf) -> None:
    patient = full_record(world)
    files = patient_files(patient)
    assert len(files) >= 4  # photos and overlays of two sessions
    response = api_client(world.surgeon).get(f"/api/patients/{patient.pk}/export")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    archive = _zip(response)
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["patient_id"] == str(patient.pk)
    assert manifest["missing_files"] == []
    for stored in files:
        member = f"files/{stored.name}"
        data = archive.read(member)
        original = _media(stored.name).read_bytes()
        assert data == original
        assert manifest["members"][member]["sha256"] == hashlib.sha256(original).hexdigest()
    # Every member except the manifest and the readme is listed with the right hash.
    for name in archive.namelist():
        if name in ("manifest.json", "README.txt"):
            continue
        assert manifest["members"][name]["sha256"] == hashlib.sha256(archive.read(name)).hexdigest()
    bundle = json.loads(archive.read("fhir/bundle.json"))
    assert bundle["resourceType"] == "Bundle"
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert {"Patient", "Observation", "Procedure"} <= kinds
    records = json.loads(archive.read("records.json"))
    labels = {r["model"] for r in records}
    assert {"patients.patient", "photos.photo", "plans.treatmentplan"} <= labels
    assert not any("token" in f for r in records for f in r["fields"])
    # Nothing of another patient.
    other = {f.name for f in patient_files(world.other.patient)}
    assert not other & {n.removeprefix("files/") for n in archive.namelist()}
    assert AuditEvent.objects.filter(action="privacy.export", patient=patient).count() == 1


def test_a_patient_downloads_their_own_data(world: World, web_client: ClientOf) -> None:
    own = world.own.patient
    client = web_client(world.patient)
    page = client.get(f"/patients/{own.pk}/privacy/")
    assert page.status_code == 200
    assert b"My data" in page.content and b"Erase" not in page.content
    assert AuditEvent.objects.filter(action="privacy.view", patient=own).count() == 1
    response = client.get(f"/patients/{own.pk}/export.zip")
    assert response.status_code == 200
    names = _zip(response).namelist()
    assert f"files/{world.own.done.image.name}" in names
    # Not another patient's, and no erasure of their own record here.
    assert client.get(f"/patients/{world.other.patient.pk}/export.zip").status_code == 404
    assert client.post(f"/patients/{own.pk}/privacy/", {"confirm": "x"}).status_code == 403


def test_another_clinics_patient_is_not_found(world: World, api_client: ClientOf) -> None:
    foreign = world.foreign.patient
    for user in (world.surgeon, world.clinic_admin, world.patient):
        client = api_client(user)
        assert client.get(f"/api/patients/{foreign.pk}/export").status_code == 404
        answer = client.post(
            f"/api/patients/{foreign.pk}/erasure",
            {"confirm": foreign.full_name},
            content_type="application/json",
        )
        assert answer.status_code == 404
        assert answer.json()["error"]["code"] == "not_found"
    assert Patient.objects.filter(pk=foreign.pk).exists()


def test_only_clinic_admins_erase(world: World, api_client: ClientOf) -> None:
    patient = world.own.patient
    for user in (world.coordinator, world.surgeon, world.patient):
        answer = api_client(user).post(
            f"/api/patients/{patient.pk}/erasure",
            {"confirm": patient.full_name},
            content_type="application/json",
        )
        assert answer.status_code in (403, 404)
    assert Patient.objects.filter(pk=patient.pk).exists()


def test_a_wrong_name_erases_nothing(world: World, api_client: ClientOf) -> None:
    patient = world.own.patient
    answer = api_client(world.clinic_admin).post(
        f"/api/patients/{patient.pk}/erasure",
        {"confirm": "Oscar Other"},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "confirmation_mismatch"
    assert Patient.objects.filter(pk=patient.pk).exists()
    assert _media(world.own.done.image.name).exists()


def _rows_pointing_at(model: type[models.Model], pk: Any) -> list[str]:
    """Every row of any model with a foreign key to `model` whose value is `pk`."""
    found = []
    for other in apps.get_models():
        for field in other._meta.concrete_fields:
            if (
                field.is_relation
                and field.related_model is model
                and other._default_manager.filter(**{field.attname: pk}).exists()
            ):
                found.append(f"{other._meta.label}.{field.name}")
    return found


def test_erasure_leaves_no_row_no_file_and_an_audit_record(
    world: World, api_client: ClientOf, django_capture_on_commit_callbacks: Any
) -> None:
    patient = full_record(world)
    patient_id, user_id, email = patient.pk, patient.user_id, patient.email
    names = [f.name for f in patient_files(patient)]
    assert names and all(_media(n).exists() for n in names)
    events_before = AuditEvent.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        answer = api_client(world.clinic_admin).post(
            f"/api/patients/{patient_id}/erasure",
            {"confirm": "  olivia   OWN "},
            content_type="application/json",
        )
    assert answer.status_code == 200, answer.content
    assert answer.json()["patient_id"] == str(patient_id)
    assert answer.json()["files"] == len(names)

    assert not Patient.objects.filter(pk=patient_id).exists()
    assert not User.objects.filter(pk=user_id).exists()
    assert _rows_pointing_at(Patient, patient_id) == []
    assert _rows_pointing_at(User, user_id) == []
    assert not any(_media(n).exists() for n in names)
    # The other patients keep everything.
    assert _media(world.other.done.image.name).exists()
    assert Patient.objects.filter(pk=world.other.patient.pk).exists()

    # Who erased which record, when; the earlier events stay, without personal details.
    erased = AuditEvent.objects.get(action="privacy.erase")
    assert erased.actor == world.clinic_admin
    assert erased.object_id == str(patient_id)
    assert erased.detail["patient_id"] == str(patient_id)
    assert erased.clinic_id == world.clinic_admin.clinic_id
    assert AuditEvent.objects.count() >= events_before + 1
    text = json.dumps(list(AuditEvent.objects.values()), default=str)
    assert email not in text
    assert "Olivia" not in text


def test_erasure_page_asks_for_the_name(world: World, web_client: ClientOf) -> None:
    patient = world.own.patient
    client = web_client(world.clinic_admin)
    page = client.get(f"/patients/{patient.pk}/privacy/")
    assert page.status_code == 200
    assert b"Olivia Own" in page.content and b"Erase for good" in page.content
    wrong = client.post(f"/patients/{patient.pk}/privacy/", {"confirm": "Olivia"})
    assert wrong.status_code == 200
    assert b"does not match" in wrong.content
    done = client.post(f"/patients/{patient.pk}/privacy/", {"confirm": "Olivia Own"})
    assert done.status_code == 302
    assert not Patient.objects.filter(pk=patient.pk).exists()
    # Staff other than admins see the download but no erasure.
    page = web_client(world.coordinator).get(f"/patients/{world.other.patient.pk}/privacy/")
    assert page.status_code == 200 and b"Erase for good" not in page.content


def test_staff_who_cannot_erase_are_told_who_can(world: World, web_client: ClientOf) -> None:
    # The page is titled "Data and erasure"; a coordinator saw only the download, with no
    # word on erasure. A patient's own page says nothing about it.
    url = f"/patients/{world.own.patient.pk}/privacy/"
    coordinator = web_client(world.coordinator).get(url).content.decode()
    assert "Only a clinic admin can erase a patient's record" in coordinator
    assert "Erase for good" not in coordinator
    own = web_client(world.patient).get(url).content.decode()
    assert "clinic admin" not in own and "Erase" not in own
    admin = web_client(world.clinic_admin).get(url).content.decode()
    assert "Only a clinic admin" not in admin and "Erase for good" in admin


def test_a_patient_without_a_name_is_confirmed_by_email(world: World, api_client: ClientOf) -> None:
    patient = PatientFactory(clinic=world.clinic_admin.clinic, user__full_name="")
    make_record(patient)
    answer = api_client(world.clinic_admin).post(
        f"/api/patients/{patient.pk}/erasure",
        {"confirm": patient.email},
        content_type="application/json",
    )
    assert answer.status_code == 200
    assert Role.PATIENT  # the role enum stays importable for the matrix tests
