"""A patient's phone, preferred contact and emergency contact: E.164 only, edited by the
patient and their clinic's staff, audited, shown as tap-to-call links."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.audit.models import AuditEvent
from hipdip.web.core.errors import DomainError
from hipdip.web.patients.models import Patient
from hipdip.web.patients.phones import phone_to_e164
from hipdip.web.patients.services import patient_contact_update

from ..conftest import World

pytestmark = pytest.mark.django_db


def test_local_numbers_are_read_in_the_clinic_region_and_stored_as_e164(settings) -> None:
    settings.HIPDIP_PHONE_REGION = "GB"
    assert phone_to_e164("07911 123456") == "+447911123456"
    assert phone_to_e164("+49 30 901820") == "+4930901820"
    settings.HIPDIP_PHONE_REGION = "DE"
    assert phone_to_e164("030 901820") == "+4930901820"
    assert phone_to_e164("  ") == ""


@pytest.mark.parametrize("bad", ["12", "hello", "+44 12", "0" * 41])
def test_a_number_that_is_not_one_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="not a phone number"):
        phone_to_e164(bad)


def test_the_patient_edits_their_own_details_and_it_is_audited(
    world: World, web_client: Callable[..., Client]
) -> None:
    patient = world.own.patient
    response = web_client(world.patient).post(
        f"/patients/{patient.pk}/contact/",
        {
            "phone": "07911 123456",
            "preferred_contact": "text",
            "emergency_contact_name": "Pat Partner",
            "emergency_contact_relation": "partner",
            "emergency_contact_phone": "+44 20 7946 0000",
        },
    )
    assert response.status_code == 302
    patient.refresh_from_db()
    assert patient.phone == "+447911123456"
    assert patient.emergency_contact_phone == "+442079460000"
    assert patient.preferred_contact == "text"
    event = AuditEvent.objects.get(action="patient.contact.update")
    assert event.actor == world.patient and event.patient_id == patient.pk
    assert "phone" in event.detail["fields"] and "+44" not in str(event.detail)


def test_a_bad_number_is_a_plain_form_error_and_nothing_is_saved(
    world: World, web_client: Callable[..., Client]
) -> None:
    patient = world.own.patient
    response = web_client(world.coordinator).post(
        f"/patients/{patient.pk}/contact/",
        {"phone": "07911 123456", "preferred_contact": "email", "emergency_contact_phone": "999"},
    )
    assert response.status_code == 422
    assert b"not a phone number" in response.content
    patient.refresh_from_db()
    assert patient.phone == "" and patient.emergency_contact_phone == ""
    assert not AuditEvent.objects.filter(action="patient.contact.update").exists()


def test_text_messages_need_a_phone_number(world: World) -> None:
    with pytest.raises(DomainError) as caught:
        patient_contact_update(
            actor=Actor(world.patient, "web"), patient=world.own.patient, preferred_contact="text"
        )
    assert caught.value.status_code == 422 and "phone" in caught.value.details


def test_other_patients_and_other_clinics_cannot_see_or_change_details(
    world: World, web_client: Callable[..., Client]
) -> None:
    url = f"/patients/{world.own.patient.pk}/contact/"
    for user in (world.other_patient, world.foreign_staff, world.self_signed):
        client = web_client(user)
        assert client.get(url).status_code == 404
        assert (
            client.post(url, {"phone": "07911 123456", "preferred_contact": "email"}).status_code
            == 404
        )
    assert Patient.objects.get(pk=world.own.patient.pk).phone == ""


def test_api_sets_details_and_refuses_a_bad_number_with_422(
    world: World, api_client: Callable[..., Client]
) -> None:
    client = api_client(world.surgeon)
    url = f"/api/patients/{world.own.patient.pk}/contact"
    ok = client.put(
        url, {"phone": "07911123456", "preferred_contact": "phone"}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["phone"] == "+447911123456"
    bad = client.put(url, {"phone": "not a number"}, content_type="application/json")
    assert bad.status_code == 422
    assert bad.json()["error"]["code"] == "invalid_contact"
    assert "not a phone number" in bad.json()["error"]["message"]
    assert client.get(url).json()["phone"] == "+447911123456"
    foreign = api_client(world.foreign_staff).get(url)
    assert foreign.status_code == 404


def test_staff_alert_page_and_patient_page_show_tap_to_call_links(
    world: World, web_client: Callable[..., Client]
) -> None:
    patient = world.own.patient
    patient_contact_update(
        actor=Actor(world.coordinator, "web"),
        patient=patient,
        phone="07911 123456",
        emergency_contact_name="Pat",
        emergency_contact_phone="020 7946 0000",
    )
    page = web_client(world.coordinator).get(f"/patients/{patient.pk}/")
    assert b'href="tel:+447911123456"' in page.content
    assert b'href="tel:+442079460000"' in page.content


def test_the_staff_alert_page_offers_the_patients_numbers_and_the_patient_the_clinics(
    world: World, web_client: Callable[..., Client]
) -> None:
    from hipdip.web.clinic.models import ClinicProfile

    from ..recovery.factories import RecoveryCourseFactory, make_checkin

    patient = world.own.patient
    ClinicProfile.objects.create(
        clinic=patient.clinic, phone="+44 20 7946 0500", emergency_phone="+44 20 7946 0999"
    )
    patient_contact_update(
        actor=Actor(world.patient, "web"),
        patient=patient,
        phone="020 7946 0011",
        emergency_contact_name="Pat",
        emergency_contact_phone="020 7946 0022",
    )
    course = RecoveryCourseFactory(patient=patient)
    alert = make_checkin(course, symptoms=["heavy_bleeding"])
    routine = make_checkin(course, at=timezone.now() + dt.timedelta(hours=1), pain=2)
    staff_page = web_client(world.surgeon).get(f"/checkins/{alert.pk}/").content.decode()
    assert 'href="tel:+442079460011"' in staff_page and 'href="tel:+442079460022"' in staff_page
    dashboard = web_client(world.surgeon).get("/clinic/checkins/").content.decode()
    assert 'href="tel:+442079460011"' in dashboard
    for checkin in (alert, routine):
        own = web_client(world.patient).get(f"/checkins/{checkin.pk}/").content.decode()
        assert 'href="tel:+442079460500"' in own, checkin.level
    own_page = web_client(world.patient).get(f"/patients/{patient.pk}/").content.decode()
    assert 'href="tel:+442079460500"' in own_page
