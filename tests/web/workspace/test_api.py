"""The staff home and a patient's summary in the API: the same content as the pages, for
the staff of the clinic only, each read audited."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.appointments.models import Appointment, Status
from hipdip.web.appointments.services.types import appointment_types_ensure
from hipdip.web.audit.models import AuditEvent, Outcome
from hipdip.web.clinic.selectors import default_timezone_for
from hipdip.web.consultations.models import Intake
from hipdip.web.leads.models import Lead
from hipdip.web.messaging.services import message_send
from hipdip.web.patients.models import Patient
from hipdip.web.patients.services import patient_contact_update
from hipdip.web.plans.models import TreatmentPlan

from ..conftest import World
from ..recovery.factories import RecoveryCourseFactory, make_checkin

pytestmark = pytest.mark.django_db

ApiClient = Callable[[User | None], Client]


def _visit(world: World, patient: Patient, start: dt.datetime) -> Appointment:
    clinic = patient.clinic
    assert clinic is not None
    staff = world.surgeon if clinic == world.surgeon.clinic else world.foreign_staff
    kind = appointment_types_ensure(clinic=clinic)[0]
    return Appointment.objects.create(
        clinic=clinic,
        patient=patient,
        staff=staff,
        type=kind,
        start=start,
        end=start + dt.timedelta(minutes=30),
        status=Status.BOOKED,
    )


def _today_start(patient: Patient) -> dt.datetime:
    """A minute past midnight today in the clinic's zone: always "today" on the home."""
    zone = zoneinfo.ZoneInfo(default_timezone_for(patient.clinic))
    now = timezone.now().astimezone(zone)
    return now.replace(hour=0, minute=1, second=0, microsecond=0)


def _busy_day(world: World) -> dict[str, object]:
    """One of everything for each clinic: a visit today, an open alert, a new lead, an
    unread message."""
    made: dict[str, object] = {}
    for name, record in (("own", world.own), ("foreign", world.foreign)):
        patient = record.patient
        made[f"{name}_visit"] = _visit(world, patient, _today_start(patient))
        made[f"{name}_alert"] = make_checkin(
            RecoveryCourseFactory(patient=patient), symptoms=["heavy_bleeding"]
        )
        made[f"{name}_lead"] = Lead.objects.create(
            clinic=patient.clinic,
            name=f"Lena {name.title()}",
            email=f"lena.{name}@example.com",
            interest="surgery",
            consent_at=timezone.now(),
        )
        message_send(actor=Actor(patient.user, "web"), patient=patient, body="A question")
    return made


def test_the_staff_home_gives_the_clinics_day(world: World, api_client: ApiClient) -> None:
    made = _busy_day(world)
    response = api_client(world.coordinator).get("/api/staff/home")
    assert response.status_code == 200
    body = response.json()
    clinic = world.coordinator.clinic
    assert clinic is not None
    assert body["clinic"] == {"id": clinic.pk, "name": "North Clinic"}
    assert [a["id"] for a in body["appointments"]] == [str(made["own_visit"].pk)]  # type: ignore[attr-defined]
    assert body["appointments"][0]["patient_name"] == "Olivia Own"
    assert [a["id"] for a in body["alerts"]] == [str(made["own_alert"].pk)]  # type: ignore[attr-defined]
    assert body["alerts"][0]["level"] == "urgent" and body["alert_count"] == 1
    assert [lead["name"] for lead in body["leads"]] == ["Lena Own"] and body["lead_count"] == 1
    assert body["threads"] == [
        {
            "patient_id": str(world.own.patient.pk),
            "patient_name": "Olivia Own",
            "unread": 1,
            "last_message_at": body["threads"][0]["last_message_at"],
            "assigned_to_id": None,
        }
    ]
    assert body["unread_count"] == 1
    assert body["zone"] == default_timezone_for(clinic)


def test_the_staff_home_is_the_same_as_the_page(
    world: World, api_client: ApiClient, web_client: Callable[[User | None], Client]
) -> None:
    _busy_day(world)
    body = api_client(world.surgeon).get("/api/staff/home").json()
    html = web_client(world.surgeon).get("/staff/").content.decode()
    for lead in body["leads"]:
        assert lead["name"] in html
    for alert in body["alerts"]:
        assert f"/checkins/{alert['id']}/" in html
    assert f'<div class="stat-value">{body["unread_count"]}</div>' in html
    assert f'<div class="stat-value">{len(body["appointments"])}</div>' in html


def test_the_staff_home_of_another_clinic_shows_only_its_own(
    world: World, api_client: ApiClient
) -> None:
    made = _busy_day(world)
    body = api_client(world.foreign_staff).get("/api/staff/home").json()
    assert [a["id"] for a in body["alerts"]] == [str(made["foreign_alert"].pk)]  # type: ignore[attr-defined]
    assert [lead["name"] for lead in body["leads"]] == ["Lena Foreign"]
    assert [t["patient_name"] for t in body["threads"]] == ["Fiona Foreign"]
    assert "Olivia" not in str(body)


def test_the_staff_home_is_for_staff_only(world: World, api_client: ApiClient) -> None:
    assert api_client(None).get("/api/staff/home").status_code == 401
    response = api_client(world.patient).get("/api/staff/home")
    assert response.status_code == 403 and set(response.json()) == {"error"}
    assert not AuditEvent.objects.filter(action="workspace.home.view").exists()


def test_reading_the_staff_home_is_audited(world: World, api_client: ApiClient) -> None:
    api_client(world.clinic_admin).get("/api/staff/home")
    event = AuditEvent.objects.get(action="workspace.home.view")
    assert event.actor == world.clinic_admin and event.channel == "api"


def test_the_summary_gives_what_staff_see_on_the_patients_page(
    world: World, api_client: ApiClient
) -> None:
    patient = world.own.patient
    today = timezone.localdate()
    patient_contact_update(
        actor=Actor(world.coordinator, "web"), patient=patient, phone="07911 123456"
    )
    Intake.objects.create(
        patient=patient, questionnaire=[], answers={"date_of_birth": "1990-01-01"}
    )
    TreatmentPlan.objects.create(patient=patient, surgery_date=today - dt.timedelta(days=10))
    alert = make_checkin(RecoveryCourseFactory(patient=patient), symptoms=["heavy_bleeding"])
    visit = _visit(world, patient, timezone.now() + dt.timedelta(days=2))
    message_send(actor=Actor(world.patient, "web"), patient=patient, body="Question")
    response = api_client(world.coordinator).get(f"/api/patients/{patient.pk}/summary")
    assert response.status_code == 200
    body = response.json()
    assert body["patient_id"] == str(patient.pk) and body["full_name"] == "Olivia Own"
    assert body["stage"] == {"key": "recovery", "label": "Recovery day 10", "recovery_day": 10}
    assert [a["id"] for a in body["alerts"]] == [str(alert.pk)]
    assert body["next_visit"]["id"] == str(visit.pk)
    assert body["surgery_date"] == (today - dt.timedelta(days=10)).isoformat()
    assert isinstance(body["age"], int) and body["age"] >= 35
    assert body["contact"]["phone"] == "+447911123456"
    assert body["latest"] == [
        {"side": "left", "depth_mm": 7.4, "taken_on": world.own.session.taken_on.isoformat()},
        {"side": "right", "depth_mm": 5.1, "taken_on": world.own.session.taken_on.isoformat()},
    ]
    labels = [t["label"] for t in body["tasks"]]
    assert labels[0] == "Acknowledge the urgent check-in of day 10" and body["tasks"][0]["urgent"]
    assert "1 unread message" in labels
    assert f"/checkins/{alert.pk}/" in body["tasks"][0]["href"]


def test_the_summary_of_a_patient_with_nothing_yet(world: World, api_client: ApiClient) -> None:
    body = api_client(world.surgeon).get(f"/api/patients/{world.other.patient.pk}/summary").json()
    assert body["stage"]["key"] == "lead" and body["alerts"] == []
    assert body["next_visit"] is None and body["surgery_date"] is None and body["age"] is None
    assert [t["label"] for t in body["tasks"]] == ["Add a phone number"]


def test_another_clinics_patient_summary_is_not_found_and_audited_as_denied(
    world: World, api_client: ApiClient
) -> None:
    foreign = world.foreign.patient
    response = api_client(world.coordinator).get(f"/api/patients/{foreign.pk}/summary")
    assert response.status_code == 404 and set(response.json()) == {"error"}
    event = AuditEvent.objects.get(action="patient.summary.view")
    assert event.outcome == Outcome.DENIED and event.patient == foreign
    assert api_client(world.coordinator).get("/api/patients/not-an-id/summary").status_code == 404


@pytest.mark.parametrize("role", ["patient", "other_patient", "self_signed"])
def test_patients_get_no_summary_not_even_their_own(
    world: World, api_client: ApiClient, role: str
) -> None:
    client = api_client(getattr(world, role))
    for record in (world.own, world.other, world.foreign):
        response = client.get(f"/api/patients/{record.patient.pk}/summary")
        assert response.status_code == 403, record.patient
    assert not AuditEvent.objects.filter(action="patient.summary.view").exists()


def test_the_summary_needs_a_token(world: World, api_client: ApiClient) -> None:
    response = api_client(None).get(f"/api/patients/{world.own.patient.pk}/summary")
    assert response.status_code == 401 and set(response.json()) == {"error"}


def test_reading_a_summary_is_audited_with_the_patient(world: World, api_client: ApiClient) -> None:
    api_client(world.surgeon).get(f"/api/patients/{world.own.patient.pk}/summary")
    event = AuditEvent.objects.get(action="patient.summary.view")
    assert event.outcome == Outcome.OK and event.patient == world.own.patient
    assert event.actor == world.surgeon and event.channel == "api"


def test_both_are_documented_with_their_error_answers(db: None) -> None:
    schema = Client().get("/api/openapi.json").json()
    home = schema["paths"]["/api/staff/home"]["get"]["responses"]
    summary = schema["paths"]["/api/patients/{patient_id}/summary"]["get"]["responses"]
    assert {"200", "401", "403"} <= set(home)
    assert {"200", "401", "403", "404"} <= set(summary)
