"""The staff workspace: the patient summary, the patient list with stages, alerts and
next visits, and the staff home."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.appointments.models import Appointment, Status
from hipdip.web.appointments.services.types import appointment_types_ensure
from hipdip.web.audit.models import AuditEvent
from hipdip.web.clinic.models import ClinicCareSettings
from hipdip.web.consultations.models import Intake
from hipdip.web.leads.models import Lead
from hipdip.web.messaging.services import message_send
from hipdip.web.patients.services import patient_contact_update
from hipdip.web.plans.models import TreatmentPlan
from hipdip.web.training.models import Programme
from hipdip.web.workspace.selectors.summary import patient_summary
from hipdip.web.workspace.stages import clinic_today

from ..conftest import World
from ..factories import PhotoFactory, PhotoSessionFactory, sample_assessment
from ..recovery.factories import RecoveryCourseFactory, make_checkin, make_programme

pytestmark = pytest.mark.django_db


def _visit(world: World, start: dt.datetime) -> Appointment:
    clinic = world.surgeon.clinic
    assert clinic is not None
    kind = appointment_types_ensure(clinic=clinic)[0]
    return Appointment.objects.create(
        clinic=clinic,
        patient=world.own.patient,
        staff=world.surgeon,
        type=kind,
        start=start,
        end=start + dt.timedelta(minutes=30),
        status=Status.BOOKED,
    )


def test_the_stage_follows_the_journey(world: World) -> None:
    patient = world.own.patient
    today = clinic_today(patient.clinic)

    def stage() -> str:
        return patient_summary(patient, reader=world.coordinator).stage.label

    assert stage() == "Lead"
    Intake.objects.create(
        patient=patient, questionnaire=[], answers={"date_of_birth": "1990-06-01"}
    )
    assert stage() == "Consultation"
    TreatmentPlan.objects.create(patient=patient, surgery_date=today + dt.timedelta(days=20))
    assert stage() == "Planned"
    TreatmentPlan.objects.filter(patient=patient).update(surgery_date=today)
    assert stage() == "Procedure"
    RecoveryCourseFactory(patient=patient, procedure_date=today - dt.timedelta(days=4))
    assert stage() == "Recovery day 4"
    programme = make_programme(patient, start_date=today + dt.timedelta(days=30))
    assert stage() == "Recovery day 4"  # the programme starts at clearance
    Programme.objects.filter(pk=programme.pk).update(start_date=today)
    assert stage() == "Recovery day 4"  # a started programme does not end recovery
    assert patient_summary(patient, reader=world.coordinator).age == today.year - 1990 - (
        (today.month, today.day) < (6, 1)
    )


@pytest.mark.parametrize(
    ("day", "label"),
    [(10, "Recovery day 10"), (42, "Recovery day 42"), (43, "Training")],
)
def test_recovery_lasts_to_its_last_day_even_with_a_started_programme(
    world: World, web_client: Callable[..., Client], day: int, label: str
) -> None:
    # Day 42 (the normal-activity day) is the course's last day; a programme that has
    # already started shows only from the day after.
    patient = world.own.patient
    today = clinic_today(patient.clinic)
    RecoveryCourseFactory(patient=patient, procedure_date=today - dt.timedelta(days=day))
    make_programme(patient, start_date=today - dt.timedelta(days=2))
    assert patient_summary(patient, reader=world.coordinator).stage.label == label
    client = web_client(world.coordinator)
    key = "training" if label == "Training" else "recovery"
    listed = client.get("/patients/", {"stage": key}).content.decode()
    assert "Olivia Own" in listed


def test_recovery_ends_on_the_clinics_own_last_day(world: World) -> None:
    patient = world.own.patient
    assert patient.clinic is not None
    ClinicCareSettings.objects.update_or_create(
        clinic=patient.clinic, defaults={"overrides": {"normal_activity_days": 60}}
    )
    today = clinic_today(patient.clinic)
    course = RecoveryCourseFactory(patient=patient, procedure_date=today - dt.timedelta(days=50))
    make_programme(patient, start_date=today - dt.timedelta(days=1))
    assert patient_summary(patient, reader=world.coordinator).stage.label == "Recovery day 50"
    course.procedure_date = today - dt.timedelta(days=61)
    course.save()
    assert patient_summary(patient, reader=world.coordinator).stage.label == "Training"


def test_the_summary_shows_alerts_contact_visit_and_tasks(
    world: World, web_client: Callable[..., Client]
) -> None:
    patient = world.own.patient
    patient_contact_update(
        actor=Actor(world.coordinator, "web"),
        patient=patient,
        phone="07911 123456",
        emergency_contact_name="Pat",
        emergency_contact_relation="partner",
        emergency_contact_phone="020 7946 0000",
    )
    course = RecoveryCourseFactory(patient=patient)
    alert = make_checkin(course, symptoms=["heavy_bleeding"])
    assert alert.is_alert
    _visit(world, timezone.now() + dt.timedelta(days=2))
    message_send(actor=Actor(world.patient, "web"), patient=patient, body="Question")
    page = web_client(world.coordinator).get(f"/patients/{patient.pk}/")
    html = page.content.decode()
    assert 'id="summary-alert"' in html and f"/checkins/{alert.pk}/" in html
    assert 'href="tel:+447911123456"' in html and 'href="tel:+442079460000"' in html
    assert "Recovery day 10" in html
    assert "1 unread message" in html
    assert "None booked" not in html
    assert AuditEvent.objects.filter(action="patient.view", actor=world.coordinator).exists()


def test_the_summary_latest_depth_is_the_sessions_figure_as_on_the_side_cards(
    world: World, web_client: Callable[..., Client]
) -> None:
    # A newer session, front 7.4 / 5.1 and back 9.0 / 6.1: the session's figure per side
    # is their mean, the number the side cards show, never the front photo alone.
    patient = world.own.patient
    session = PhotoSessionFactory(
        patient=patient, taken_on=world.own.session.taken_on + dt.timedelta(days=7)
    )
    PhotoFactory(session=session, view="front")
    PhotoFactory(session=session, view="back", assessment=sample_assessment("back", 9.0, 6.1))
    latest = patient_summary(patient, reader=world.coordinator).latest
    assert [(d.side, d.depth_mm) for d in latest] == [("left", 8.2), ("right", 5.6)]
    html = web_client(world.coordinator).get(f"/patients/{patient.pk}/").content.decode()
    start = html.index('id="patient-summary"')
    summary = html[start : html.index("</section>", start)]
    assert "Left 8.2 mm" in summary and "Right 5.6 mm" in summary
    assert "Left 7.4 mm" not in summary


def test_the_patient_does_not_see_the_staff_summary(
    world: World, web_client: Callable[..., Client]
) -> None:
    page = web_client(world.patient).get(f"/patients/{world.own.patient.pk}/")
    assert page.status_code == 200
    assert b'id="patient-summary"' not in page.content


def test_the_list_shows_stage_alert_and_next_visit_and_filters_on_them(
    world: World, web_client: Callable[..., Client]
) -> None:
    course = RecoveryCourseFactory(patient=world.own.patient)
    make_checkin(course, symptoms=["heavy_bleeding"])
    _visit(world, timezone.now() + dt.timedelta(days=1))
    client = web_client(world.coordinator)
    html = client.get("/patients/").content.decode()
    assert "Recovery day 10" in html and "Open alert" in html and "Oscar Other" in html
    alerts = client.get("/patients/", {"alert": "on"}).content.decode()
    assert "Olivia Own" in alerts and "Oscar Other" not in alerts
    leads = client.get("/patients/", {"stage": "lead"}).content.decode()
    assert "Oscar Other" in leads and "Olivia Own" not in leads
    assert "Fiona" not in client.get("/patients/").content.decode()
    assert client.get("/patients/", {"stage": "nonsense"}).status_code == 200
    assert web_client(world.patient).get("/patients/").status_code == 403


def test_the_staff_home_gathers_todays_visits_alerts_leads_and_messages(
    world: World, web_client: Callable[..., Client]
) -> None:
    course = RecoveryCourseFactory(patient=world.own.patient)
    make_checkin(course, symptoms=["heavy_bleeding"])
    now = timezone.now()
    _visit(world, now + dt.timedelta(minutes=5) if now.hour < 23 else now - dt.timedelta(hours=1))
    Lead.objects.create(
        clinic=world.surgeon.clinic,
        name="Lena Lead",
        email="lena@example.com",
        interest="surgery",
        consent_at=now,
    )
    message_send(actor=Actor(world.other_patient, "web"), patient=world.other.patient, body="Hi")
    response = web_client(world.coordinator).get("/staff/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lena Lead" in html and "Oscar Other" in html and "Olivia Own" in html
    assert "1 new" in html
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(action="workspace.home.view").exists()
    assert web_client(world.patient).get("/staff/").status_code == 403
    foreign = web_client(world.foreign_staff).get("/staff/").content.decode()
    assert "Olivia Own" not in foreign and "Lena Lead" not in foreign
