"""The recovery course (procedure date, time zone, the surgeon's clearance) and the pages
a patient and the staff use."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.audit.models import AuditEvent
from hipdip.web.core.errors import Conflict, DomainError
from hipdip.web.recovery import services
from hipdip.web.recovery.models import CheckIn, RecoveryCourse

from ..conftest import World
from ..factories import PatientFactory
from .factories import RecoveryCourseFactory, make_checkin

pytestmark = pytest.mark.django_db


def _actor(user: Any) -> Actor:
    return Actor(user=user, channel="web")


def test_staff_start_a_course_in_the_clinics_time_zone_and_it_is_audited(
    world: World, web_client: Any
) -> None:
    patient = world.own.patient
    response = web_client(world.coordinator).post(
        f"/patients/{patient.pk}/recovery/course/",
        {"procedure_date": "2026-11-20", "timezone": "Europe/Madrid"},
    )
    assert response.status_code == 302
    course = RecoveryCourse.objects.get(patient=patient)
    assert (course.procedure_date, course.timezone) == (dt.date(2026, 11, 20), "Europe/Madrid")
    assert AuditEvent.objects.filter(action="recovery_course.create", patient=patient).exists()


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"timezone_name": "Mars/Olympus"}, "not a time zone"),
        ({"procedure_date": dt.date(1999, 1, 1)}, "too far"),
    ],
)
def test_a_course_with_a_bad_time_zone_or_date_is_refused(
    world: World, kwargs: dict[str, Any], words: str
) -> None:
    params: dict[str, Any] = {"procedure_date": timezone.localdate(), **kwargs}
    with pytest.raises(DomainError, match=words):
        services.recovery_course_save(
            actor=_actor(world.coordinator), patient=world.own.patient, **params
        )
    assert not RecoveryCourse.objects.exists()


def test_a_self_signed_patient_has_no_course(world: World) -> None:
    with pytest.raises(DomainError, match="clinic"):
        services.recovery_course_save(
            actor=_actor(world.coordinator),
            patient=world.self_signed.patient,
            procedure_date=timezone.localdate(),
        )


def test_moving_the_procedure_date_renumbers_check_ins_and_keeps_their_triage(
    world: World,
) -> None:
    course = RecoveryCourseFactory(patient=world.own.patient)
    checkin = make_checkin(course, symptoms=["warmth"])
    day, advice = checkin.day, checkin.patient_advice
    services.recovery_course_save(
        actor=_actor(world.surgeon),
        patient=course.patient,
        procedure_date=course.procedure_date - dt.timedelta(days=2),
    )
    checkin.refresh_from_db()
    assert checkin.day == day + 2 and checkin.patient_advice == advice
    with pytest.raises(Conflict):  # a date after a check-in would make its day negative
        services.recovery_course_save(
            actor=_actor(world.surgeon),
            patient=course.patient,
            procedure_date=checkin.local_date + dt.timedelta(days=1),
        )


def test_the_procedure_record_hook_creates_then_moves_the_course(world: World) -> None:
    patient = world.own.patient
    actor = _actor(world.surgeon)
    first = services.recovery_course_from_procedure(
        actor=actor, patient=patient, procedure_date=dt.date(2026, 11, 1), procedure_ref="p-1"
    )
    again = services.recovery_course_from_procedure(
        actor=actor, patient=patient, procedure_date=dt.date(2026, 11, 2), procedure_ref="p-1"
    )
    assert first.pk == again.pk and again.procedure_date == dt.date(2026, 11, 2)
    assert again.procedure_ref == "p-1"


def test_only_the_surgeon_holds_or_clears_training(world: World, web_client: Any) -> None:
    course = RecoveryCourseFactory(patient=world.own.patient)
    url = f"/patients/{course.patient.pk}/recovery/clearance/"
    cleared = (course.procedure_date + dt.timedelta(days=30)).isoformat()
    body = {"decision": "cleared", "cleared_on": cleared}
    assert web_client(world.coordinator).post(url, body).status_code == 403
    assert web_client(world.patient).post(url, body).status_code == 403
    assert web_client(world.surgeon).post(url, body).status_code == 302
    course.refresh_from_db()
    assert course.training_cleared_on.isoformat() == cleared
    assert course.clearance_by == world.surgeon
    web_client(world.surgeon).post(url, {"decision": "hold"})
    course.refresh_from_db()
    assert course.training_hold is True
    event = AuditEvent.objects.filter(action="recovery_course.clearance").first()
    assert event is not None and event.detail == {"hold": True, "cleared": False}


def test_clearance_before_the_procedure_is_refused(world: World) -> None:
    course = RecoveryCourseFactory(patient=world.own.patient)
    with pytest.raises(DomainError, match="before the procedure"):
        services.training_clearance_set(
            actor=_actor(world.surgeon),
            course=course,
            hold=False,
            cleared_on=course.procedure_date - dt.timedelta(days=1),
        )


def test_the_patient_sees_their_day_what_to_do_and_what_is_next(
    world: World, web_client: Any
) -> None:
    course = RecoveryCourseFactory(
        patient=world.own.patient, procedure_date=timezone.localdate() - dt.timedelta(days=10)
    )
    page = web_client(world.patient).get(f"/patients/{course.patient.pk}/recovery/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Day 10" in html and "Rest and short walks" in html
    assert "Back to desk work" in html  # the next stage
    assert "Sitting or lying directly on the grafted hips" in html
    assert AuditEvent.objects.filter(action="recovery.view", patient=course.patient).exists()


def test_before_surgery_the_page_counts_down(world: World, web_client: Any) -> None:
    RecoveryCourseFactory(
        patient=world.own.patient, procedure_date=timezone.localdate() + dt.timedelta(days=3)
    )
    html = web_client(world.patient).get(f"/patients/{world.own.patient.pk}/recovery/")
    assert "Surgery in 3 days" in html.content.decode()


def test_without_a_course_staff_can_start_one_and_the_patient_is_told_what_comes(
    world: World, web_client: Any
) -> None:
    url = f"/patients/{world.own.patient.pk}/recovery/"
    assert "Start recovery" in web_client(world.coordinator).get(url).content.decode()
    assert "Nothing here yet" in web_client(world.patient).get(url).content.decode()


def test_an_emergency_check_in_on_the_web_shows_the_emergency_answer_at_once(
    world: World, web_client: Any
) -> None:
    course = RecoveryCourseFactory(patient=world.own.patient)
    client = web_client(world.patient)
    response = client.post(
        f"/patients/{course.patient.pk}/checkins/new/",
        {"pain": "4", "symptoms": ["shortness_of_breath"], "garment_worn": "yes"},
        follow=True,
    )
    html = response.content.decode()
    assert 'data-level="emergency"' in html
    assert "Call emergency services now" in html
    assert CheckIn.objects.get().garment_worn is True


def test_the_web_form_keeps_the_answers_and_names_the_problem(
    world: World, web_client: Any
) -> None:
    course = RecoveryCourseFactory(patient=world.own.patient)
    response = web_client(world.patient).post(
        f"/patients/{course.patient.pk}/checkins/new/",
        {"pain": "3", "temperature_c": "99.1", "symptoms": ["bruising"]},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "looks like °F" in html
    assert 'value="bruising" id="sym-bruising" checked' in html
    assert not CheckIn.objects.exists()


def test_a_missing_pain_score_is_asked_for(world: World, web_client: Any) -> None:
    course = RecoveryCourseFactory(patient=world.own.patient)
    response = web_client(world.patient).post(f"/patients/{course.patient.pk}/checkins/new/", {})
    assert "Choose how much pain you have" in response.content.decode()


def test_the_patient_changes_their_time_zone_when_travelling(world: World, web_client: Any) -> None:
    course = RecoveryCourseFactory(patient=world.own.patient)
    url = f"/patients/{course.patient.pk}/recovery/timezone/"
    web_client(world.patient).post(url, {"timezone": "Asia/Tokyo"})
    course.refresh_from_db()
    assert course.timezone == "Asia/Tokyo"
    web_client(world.patient).post(url, {"timezone": "Nowhere/Special"})
    course.refresh_from_db()
    assert course.timezone == "Asia/Tokyo"


def test_the_api_gives_today_where_the_patient_is(world: World, api_client: Any) -> None:
    patient = PatientFactory(clinic=world.own.patient.clinic)
    today = timezone.localdate()
    RecoveryCourseFactory(patient=patient, procedure_date=today - dt.timedelta(days=28))
    body = api_client(world.coordinator).get(f"/api/patients/{patient.pk}/recovery").json()
    assert body["day"] == 28
    assert body["today"]["phase"] == "Light exercise"
    assert {m["key"] for m in body["timeline"]} >= {"rest", "compression", "visit_day_7"}
    missing = api_client(world.patient).get(f"/api/patients/{world.own.patient.pk}/recovery")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "no_recovery_course"


def test_the_today_view_turns_over_at_the_patients_midnight(world: World) -> None:
    from hipdip.web.recovery.selectors import course_overview

    course = RecoveryCourseFactory(
        patient=world.own.patient, procedure_date=dt.date(2026, 5, 1), timezone="Pacific/Auckland"
    )
    # 13:30 UTC on 7 May is 01:30 on 8 May in Auckland (UTC+12): day 7, not day 6.
    moment = dt.datetime(2026, 5, 7, 13, 30, tzinfo=dt.UTC)
    assert course_overview(course, now=moment).day == 7
    course.timezone = "America/Los_Angeles"
    assert course_overview(course, now=moment).day == 6


def test_a_patient_told_to_call_gets_tap_to_call_links_to_their_own_clinic(
    world: World, web_client: Any
) -> None:
    from hipdip.web.clinic.models import ClinicProfile

    ClinicProfile.objects.create(
        clinic=world.own.patient.clinic, phone="+44 20 7946 0000", emergency_phone="020 7946 0999"
    )
    course = RecoveryCourseFactory(patient=world.own.patient)
    client = web_client(world.patient)
    urgent = client.post(
        f"/patients/{course.patient.pk}/checkins/new/",
        {"pain": "3", "temperature_c": "38.6", "garment_worn": "yes"},
        follow=True,
    ).content.decode()
    assert 'data-level="urgent"' in urgent
    assert 'href="tel:+442079460000"' in urgent and 'href="tel:02079460999"' in urgent
    assert "Emergency services first" not in urgent
    emergency = client.post(
        f"/patients/{course.patient.pk}/checkins/new/",
        {"pain": "4", "symptoms": ["shortness_of_breath"], "garment_worn": "yes"},
        follow=True,
    ).content.decode()
    assert "Emergency services first" in emergency and 'href="tel:02079460999"' in emergency
    recovery_page = client.get(f"/patients/{course.patient.pk}/recovery/").content.decode()
    assert 'href="tel:+442079460000"' in recovery_page


def test_without_a_clinic_profile_no_call_link_is_invented(world: World, web_client: Any) -> None:
    course = RecoveryCourseFactory(patient=world.own.patient)
    html = (
        web_client(world.patient)
        .post(
            f"/patients/{course.patient.pk}/checkins/new/",
            {"pain": "3", "temperature_c": "38.6", "garment_worn": "yes"},
            follow=True,
        )
        .content.decode()
    )
    assert 'data-level="urgent"' in html and "tel:" not in html


def test_every_care_page_of_the_record_has_the_messages_tab(world: World, web_client: Any) -> None:
    # The measurements and messages pages had five tabs, the others four: staff on the
    # recovery, consultation or training page had no way to the thread.
    patient = world.own.patient
    RecoveryCourseFactory(patient=patient)
    thread = f'href="/patients/{patient.pk}/messages/"'
    for user in (world.coordinator, world.patient):
        client = web_client(user)
        for page in ("", "recovery/", "consultation/", "training/", "messages/"):
            response = client.get(f"/patients/{patient.pk}/{page}")
            assert response.status_code == 200, (user, page)
            html = response.content.decode()
            tabs = html[html.index('<nav class="tabs"') :]
            tabs = tabs[: tabs.index("</nav>")]
            assert thread in tabs and ">Measurements</a>" in tabs, (user, page)
