"""Leads: the contact form with its spam checks, the API, the staff's list, and inviting
a lead as a patient."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from hipdip.web.leads.forms import form_started_token
from hipdip.web.leads.models import Lead, LeadStatus

from ..conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_clinic(settings: Any, world: World) -> None:
    settings.HIPDIP_SITE_CLINIC = world.coordinator.clinic.slug
    settings.HIPDIP_LEAD_MIN_FILL_SECONDS = 3
    settings.HIPDIP_LEAD_MAX_PER_HOUR = 5


def _form(**over: Any) -> dict[str, Any]:
    data = {
        "name": "Robin Reader",
        "email": "robin@example.org",
        "phone": "",
        "contact_by": "email",
        "interest": "surgery",
        "message": "I would like to know more.",
        "consent": "on",
        "website": "",
        # Shown ten seconds ago.
        "started": _token_at(time.time() - 10),
    }
    data.update(over)
    return data


def _token_at(when: float) -> str:
    from django.core import signing

    return signing.dumps(when, salt="hipdip.leads.form-started")


def _api_body(**over: Any) -> str:
    body = {
        "name": "Api Person",
        "email": "api@example.org",
        "phone": "",
        "interest": "training",
        "message": "",
        "consent": True,
    }
    body.update(over)
    return json.dumps(body)


def test_contact_form_creates_a_lead_and_emails_the_coordinators(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    page = Client().get("/contact/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="website"' in html and 'name="started"' in html and "privacy notice" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post("/contact/", _form())
    assert response.status_code == 302 and response["Location"] == "/contact/thanks/"
    lead = Lead.objects.get()
    assert lead.clinic == world.coordinator.clinic
    assert (lead.name, lead.interest, lead.status) == ("Robin Reader", "surgery", "new")
    assert lead.consent_at is not None and lead.notified_at is not None
    assert len(mail.outbox) == 1
    assert world.coordinator.email in mail.outbox[0].to
    # The email links to the lead; the message (maybe health details) stays out of it.
    assert f"/leads/{lead.pk}/" in mail.outbox[0].body
    assert "know more" not in mail.outbox[0].body


def test_a_failing_email_loses_no_lead(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_BACKEND = "tests.web.leads.failing_mail.Backend"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = Client().post("/contact/", _form())
    assert len(callbacks) == 1  # the email was attempted, and failed
    assert response.status_code == 302
    lead = Lead.objects.get()
    assert lead.notified_at is None
    listing = _staff(world).get("/leads/").content.decode()
    assert "Robin Reader" in listing and "not emailed" in listing


def _staff(world: World) -> Client:
    client = Client()
    client.force_login(world.coordinator)
    return client


def test_honeypot_drops_the_lead_silently(world: World) -> None:
    response = Client().post("/contact/", _form(website="http://spam.example"))
    assert response.status_code == 302
    assert not Lead.objects.exists() and not mail.outbox


def test_a_form_sent_too_quickly_is_refused_with_a_clear_error(world: World) -> None:
    response = Client().post("/contact/", _form(started=form_started_token()))
    assert response.status_code == 400
    assert "very quick" in response.content.decode()
    assert not Lead.objects.exists()
    forged = Client().post("/contact/", _form(started="123"))
    assert forged.status_code == 400 and not Lead.objects.exists()


def test_bad_input_gets_clear_errors(world: World) -> None:
    response = Client().post(
        "/contact/", _form(email="not-an-email", consent="", contact_by="phone")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert "Give a phone number" in html
    assert not Lead.objects.exists()


def test_one_address_is_rate_limited(world: World) -> None:
    for n in range(5):
        assert Client().post("/contact/", _form(name=f"Person {n}")).status_code == 302
    blocked = Client().post("/contact/", _form(name="Sixth"))
    assert blocked.status_code == 429
    assert "Too many messages" in blocked.content.decode()
    assert Lead.objects.count() == 5
    other = Client(REMOTE_ADDR="192.0.2.77").post("/contact/", _form(name="Elsewhere"))
    assert other.status_code == 302


def test_api_post_is_public_and_get_is_for_the_clinics_staff(
    world: World, api_client: Callable[..., Client]
) -> None:
    created = Client().post("/api/leads", _api_body(), content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json() == {"received": True}
    lead = Lead.objects.get()
    assert lead.source == "api" and lead.interest == "training"
    listing = api_client(world.coordinator).get("/api/leads")
    assert listing.status_code == 200
    assert [item["email"] for item in listing.json()["items"]] == ["api@example.org"]
    assert api_client(world.foreign_staff).get("/api/leads").json()["items"] == []
    assert api_client(world.patient).get("/api/leads").status_code == 403
    assert Client().get("/api/leads").status_code == 401


def test_api_refuses_bad_input_and_drops_honeypot_leads(world: World) -> None:
    no_consent = Client().post(
        "/api/leads", _api_body(consent=False), content_type="application/json"
    )
    assert no_consent.status_code == 400
    assert no_consent.json()["error"]["code"] == "consent_required"
    bad = Client().post(
        "/api/leads", _api_body(interest="botox", email=""), content_type="application/json"
    )
    assert bad.status_code in (400, 422) and "error" in bad.json()
    spam = Client().post("/api/leads", _api_body(website="x"), content_type="application/json")
    assert spam.status_code == 201
    assert not Lead.objects.exists()


def test_api_is_rate_limited_per_address(world: World) -> None:
    for _ in range(5):
        Client().post("/api/leads", _api_body(), content_type="application/json")
    blocked = Client().post("/api/leads", _api_body(), content_type="application/json")
    assert blocked.status_code == 429
    assert blocked.json()["error"]["code"] == "too_many_attempts"


def test_staff_record_status_and_notes_and_invite_the_lead_as_a_patient(world: World) -> None:
    Client().post("/contact/", _form())
    lead = Lead.objects.get()
    client = _staff(world)
    detail = client.get(f"/leads/{lead.pk}/").content.decode()
    match = re.search(r'href="(/patients/invite/\?[^"]+)"', detail)
    assert match is not None
    invite_page = client.get(match.group(1).replace("&amp;", "&")).content.decode()
    assert 'value="Robin Reader"' in invite_page and 'value="robin@example.org"' in invite_page
    saved = client.post(
        f"/leads/{lead.pk}/", {"status": LeadStatus.CONTACTED, "notes": "Called, booking."}
    )
    assert saved.status_code == 302
    lead.refresh_from_db()
    assert (lead.status, lead.notes) == ("contacted", "Called, booking.")


def test_leads_are_for_the_clinics_staff_only(
    world: World, web_client: Callable[..., Client]
) -> None:
    Client().post("/contact/", _form())
    lead = Lead.objects.get()
    assert web_client(world.patient).get("/leads/").status_code == 403
    assert web_client(world.patient).get(f"/leads/{lead.pk}/").status_code == 403
    assert web_client(world.foreign_staff).get(f"/leads/{lead.pk}/").status_code == 404
    assert Client().get("/leads/").status_code == 302
    for role in ("surgeon", "clinic_admin"):
        assert web_client(getattr(world, role)).get("/leads/").status_code == 200
