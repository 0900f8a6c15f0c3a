"""Check-ins end to end: triage in the request (sources: red flags and fat-embolism signs
of CLINICAL.md via hipdip.care.triage), alerts, duplicates, bad input, time zones."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from hipdip.care._settings_fields import DEFAULT_EMERGENCY, DEFAULT_URGENT
from hipdip.web.accounts.models import Role
from hipdip.web.audit.models import AuditEvent
from hipdip.web.clinic.models import ClinicCareSettings
from hipdip.web.recovery import services, tasks
from hipdip.web.recovery.models import CheckIn, NotifyStatus

from ..conftest import World
from ..factories import StaffFactory
from .factories import RecoveryCourseFactory, make_checkin

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(world: World) -> Any:
    return RecoveryCourseFactory(patient=world.own.patient)


def _post(client: Any, course: Any, **body: Any) -> Any:
    body.setdefault("pain", 2)
    return client.post(
        f"/api/patients/{course.patient.pk}/checkins", body, content_type="application/json"
    )


@pytest.mark.parametrize("code", sorted(DEFAULT_EMERGENCY))
def test_every_emergency_symptom_escalates_to_emergency_with_call_now_advice(
    world: World, course: Any, api_client: Any, code: str
) -> None:
    response = _post(api_client(world.patient), course, symptoms=[code])
    assert response.status_code == 201
    body = response.json()
    assert body["level"] == "emergency"
    assert "Call emergency services now" in body["advice"]
    assert body["alert_clinic"] is True


@pytest.mark.parametrize("code", sorted(DEFAULT_URGENT))
def test_every_urgent_symptom_makes_an_urgent_check_in(
    world: World, course: Any, api_client: Any, code: str
) -> None:
    body = _post(api_client(world.patient), course, symptoms=[code]).json()
    assert body["level"] == "urgent"
    assert "Call the clinic today" in body["advice"]


def test_a_temperature_at_the_clinics_fever_threshold_is_urgent(
    world: World, course: Any, api_client: Any
) -> None:
    client = api_client(world.patient)
    assert _post(client, course, temperature_c=38.0).json()["level"] == "urgent"
    ClinicCareSettings.objects.create(clinic=course.patient.clinic, overrides={"fever_c": 38.5})
    assert _post(client, course, pain=3, temperature_c=38.2).json()["level"] == "routine"


def test_pain_rising_after_day_3_raises_a_routine_check_in_to_urgent(world: World) -> None:
    today = dt.date(2026, 3, 1)
    course = RecoveryCourseFactory(
        patient=world.own.patient, procedure_date=today - dt.timedelta(days=10)
    )
    noon = dt.datetime(2026, 2, 25, 12, tzinfo=dt.UTC)  # day 6
    assert make_checkin(course, at=noon, pain=3).level == "routine"
    later = make_checkin(course, at=noon + dt.timedelta(days=1), pain=5)
    assert later.level == "urgent"
    assert [r["code"] for r in later.reasons] == ["pain_rising"]


def test_emergency_answer_does_not_depend_on_the_workers(
    world: World,
    course: Any,
    api_client: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    def broker_down(*args: Any, **kwargs: Any) -> None:
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.checkin_alert_task, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(api_client(world.patient), course, symptoms=["chest_pain"])
    assert response.status_code == 201
    assert response.json()["level"] == "emergency"
    stored = CheckIn.objects.get()
    assert stored.notify_status == NotifyStatus.PENDING  # still waiting: the dashboard shows it


def test_urgent_alert_emails_the_clinic_without_health_details(
    world: World, course: Any, api_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _post(api_client(world.patient), course, symptoms=["spreading_redness"], temperature_c=38.6)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {world.coordinator.email, world.surgeon.email}
    assert "Urgent" in message.subject
    assert "redness" not in message.body.lower() and "38.6" not in message.body
    assert f"/checkins/{CheckIn.objects.get().pk}/" in message.body
    assert CheckIn.objects.get().notify_status == NotifyStatus.SENT


def test_clinic_alert_addresses_replace_the_default_recipients(
    world: World, course: Any, django_capture_on_commit_callbacks: Any
) -> None:
    ClinicCareSettings.objects.create(
        clinic=course.patient.clinic, alert_emails="oncall@example.com\nnurse@example.com"
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_checkin(course, symptoms=["fainting"], notify=True)
    assert mail.outbox[0].to == ["oncall@example.com", "nurse@example.com"]


def test_a_failed_alert_is_recorded_and_sent_again_by_the_command(
    world: World, course: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.HIPDIP_ALERT_NOTIFIERS = ["tests.web.recovery.test_checkins.BrokenNotifier"]
    with django_capture_on_commit_callbacks(execute=True):
        checkin = make_checkin(course, symptoms=["heavy_bleeding"], notify=True)
    checkin.refresh_from_db()
    assert checkin.notify_status == NotifyStatus.FAILED
    assert "RuntimeError" in checkin.notify_error
    settings.HIPDIP_ALERT_NOTIFIERS = ["email"]
    call_command("recovery_send_alerts")
    checkin.refresh_from_db()
    assert checkin.notify_status == NotifyStatus.SENT
    assert len(mail.outbox) == 1


class BrokenNotifier:
    name = "broken"

    def send(self, message: Any) -> None:
        raise RuntimeError("smtp down")


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"pain": 11}, "pain", "0 (none) to 10"),
        ({"pain": -1}, "pain", "0 (none) to 10"),
        ({"pain": 2, "temperature_c": 98.6}, "temperature_c", "looks like °F"),
        ({"pain": 2, "temperature_c": 12}, "temperature_c", "between 30 and 45"),
        ({"pain": 2, "swelling": 5}, "swelling", "0 (none) to 3"),
        ({"pain": 2, "drain_output_ml": -4}, "drain_output_ml", "millilitres"),
        ({"pain": 2, "symptoms": ["hiccups"]}, "symptoms", "hiccups"),
    ],
)
def test_impossible_values_are_refused_with_the_field_named(
    world: World, course: Any, api_client: Any, body: dict[str, Any], field: str, words: str
) -> None:
    response = api_client(world.patient).post(
        f"/api/patients/{course.patient.pk}/checkins", body, content_type="application/json"
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_checkin"
    assert words in error["details"][field][0]
    assert not CheckIn.objects.exists()


def test_wrong_types_are_a_validation_error_in_the_one_error_shape(
    world: World, course: Any, api_client: Any
) -> None:
    response = api_client(world.patient).post(
        f"/api/patients/{course.patient.pk}/checkins",
        {"pain": "a lot", "symptoms": "fever"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


def test_sending_the_same_check_in_twice_stores_it_once(
    world: World, course: Any, api_client: Any
) -> None:
    client = api_client(world.patient)
    first = _post(client, course, pain=4, symptoms=["bruising", "swelling"])
    again = _post(client, course, pain=4, symptoms=["swelling", "bruising"])
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["duplicate"] is True and again.json()["id"] == first.json()["id"]
    assert CheckIn.objects.count() == 1
    assert _post(client, course, pain=5).status_code == 201  # a different answer is new
    assert CheckIn.objects.count() == 2


def test_an_identical_check_in_after_the_window_is_a_new_one(world: World) -> None:
    course = RecoveryCourseFactory(patient=world.own.patient)
    at = dt.datetime.now(dt.UTC).replace(hour=8, minute=0)
    make_checkin(course, at=at, pain=2)
    make_checkin(course, at=at + dt.timedelta(minutes=11), pain=2)
    assert CheckIn.objects.count() == 2


def test_check_ins_before_the_day_of_surgery_are_refused(world: World, api_client: Any) -> None:
    course = RecoveryCourseFactory(
        patient=world.own.patient, procedure_date=dt.date.today() + dt.timedelta(days=3)
    )
    response = _post(api_client(world.patient), course)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "recovery_not_started"


@pytest.mark.parametrize(
    ("zone", "utc", "expected_day"),
    [
        # 21:30 UTC on day 4 is already the morning of day 5 in New Zealand...
        ("Pacific/Auckland", dt.datetime(2026, 1, 14, 21, 30, tzinfo=dt.UTC), 5),
        # ...and still the evening of day 3 in Los Angeles at 04:00 UTC on day 4.
        ("America/Los_Angeles", dt.datetime(2026, 1, 14, 4, 0, tzinfo=dt.UTC), 3),
        ("UTC", dt.datetime(2026, 1, 14, 23, 59, tzinfo=dt.UTC), 4),
    ],
)
def test_the_recovery_day_is_the_patients_local_day(
    world: World, zone: str, utc: dt.datetime, expected_day: int
) -> None:
    course = RecoveryCourseFactory(
        patient=world.own.patient, procedure_date=dt.date(2026, 1, 10), timezone=zone
    )
    checkin = make_checkin(course, at=utc)
    assert checkin.day == expected_day
    assert checkin.local_date == utc.astimezone(ZoneInfo(zone)).date()


def test_staff_acknowledge_an_alert_once_and_it_is_audited(
    world: World, course: Any, api_client: Any
) -> None:
    checkin = make_checkin(course, symptoms=["calf_swelling_pain"])
    client = api_client(world.coordinator)
    url = f"/api/checkins/{checkin.pk}/acknowledge"
    response = client.post(url, {"note": "Booked a scan"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["acknowledged_by"] == world.coordinator.full_name
    again = client.post(url, {}, content_type="application/json")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_acknowledged"
    event = AuditEvent.objects.get(action="checkin.acknowledge")
    assert event.actor == world.coordinator and event.patient == course.patient
    assert "Booked" not in str(event.detail)  # no free text in the audit trail


def test_a_patient_cannot_acknowledge_their_own_alert(
    world: World, course: Any, api_client: Any
) -> None:
    checkin = make_checkin(course, symptoms=["fever"])
    response = api_client(world.patient).post(
        f"/api/checkins/{checkin.pk}/acknowledge", {}, content_type="application/json"
    )
    assert response.status_code == 403
    checkin.refresh_from_db()
    assert checkin.acknowledged_at is None


def test_symptom_list_gives_codes_labels_and_the_clinics_levels(
    world: World, api_client: Any
) -> None:
    ClinicCareSettings.objects.create(
        clinic=world.own.patient.clinic,
        overrides={
            "urgent_symptoms": [*DEFAULT_URGENT, "firm_lump"],
            "routine_symptoms": ["swelling", "bruising", "soreness"],
        },
    )
    rows = {r["code"]: r for r in api_client(world.patient).get("/api/checkins/symptoms").json()}
    assert rows["chest_pain"]["level"] == "emergency"
    assert rows["firm_lump"]["level"] == "urgent"
    assert rows["soreness"]["label"]


def test_staff_may_enter_a_check_in_for_a_patient_on_the_phone(
    world: World, course: Any, api_client: Any
) -> None:
    response = _post(api_client(world.surgeon), course, pain=6)
    assert response.status_code == 201
    assert CheckIn.objects.get().submitted_by == world.surgeon


def test_dashboard_lists_unacknowledged_emergencies_first(
    world: World, course: Any, web_client: Any
) -> None:
    other = RecoveryCourseFactory(patient=world.other.patient)
    make_checkin(course, pain=2)
    urgent = make_checkin(other, symptoms=["warmth"])
    emergency = make_checkin(course, pain=3, symptoms=["confusion_drowsiness"])
    done = make_checkin(other, pain=1, symptoms=["fainting"])
    services.checkin_acknowledge(
        actor=services.checkins.Actor(user=world.surgeon, channel="web"), checkin=done
    )
    page = web_client(world.coordinator).get("/clinic/checkins/?show=all").content.decode()
    order = [page.index(f"/checkins/{c.pk}/") for c in (emergency, urgent, done)]
    assert order == sorted(order)
    foreign = StaffFactory(role=Role.COORDINATOR)
    assert str(emergency.pk) not in web_client(foreign).get("/clinic/checkins/").content.decode()


def test_staff_see_each_source_of_a_check_ins_reasons_once(
    world: World, course: Any, web_client: Any
) -> None:
    from hipdip.care.triage import SYMPTOMS
    from hipdip.web.clinic.templatetags.clinic_contact import citation

    symptoms = ["fever", "calf_swelling_pain", "warmth", "shortness_of_breath"]
    checkin = make_checkin(course, symptoms=symptoms)
    url = reverse("recovery:checkin", kwargs={"checkin_id": checkin.pk})
    html = web_client(world.coordinator).get(url).content.decode()
    sources = {SYMPTOMS[s].source_id for s in symptoms}
    assert len(sources) == 2
    for source in sources:
        assert html.count(escape(citation(source))) == 1
    assert sorted([html.count("[1]</sup>"), html.count("[2]</sup>")]) == [1, 3]
