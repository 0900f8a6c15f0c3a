"""Each person edits their own notification settings on a page."""

from __future__ import annotations

import pytest
from django.test import Client

from hipdip.web.audit.models import AuditEvent
from hipdip.web.notifications.models import NotificationPreference

from ..factories import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/account/notifications/"


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


@pytest.mark.parametrize("make", [UserFactory, StaffFactory])
def test_a_person_saves_channels_number_and_quiet_hours(make) -> None:  # type: ignore[no-untyped-def]
    user = make()
    client = _client(user)
    assert client.get(URL).status_code == 200
    response = client.post(
        URL,
        {
            "channels": "both",
            "phone": "+44 7911 123456",
            "quiet_start": "22:00",
            "quiet_end": "07:00",
            "timezone": "Europe/London",
        },
    )
    assert response.status_code == 302
    pref = NotificationPreference.objects.get(user=user)
    assert (pref.channels, pref.quiet_hours is not None) == ("both", True)
    assert AuditEvent.objects.filter(action="notification_preference.update").exists()


@pytest.mark.parametrize(
    ("data", "field_text"),
    [
        ({"channels": "text", "phone": ""}, "Add a mobile number"),
        ({"channels": "email", "phone": "12345"}, "country code"),
        ({"channels": "email", "quiet_start": "22:00"}, "start and the end"),
        ({"channels": "email", "timezone": "Mars/Olympus"}, "time zone"),
    ],
)
def test_bad_settings_get_a_plain_message_and_nothing_is_saved(data, field_text) -> None:  # type: ignore[no-untyped-def]
    client = _client(UserFactory())
    response = client.post(URL, data)
    assert response.status_code == 422
    assert field_text in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_signed_out_people_are_sent_to_sign_in() -> None:
    assert Client().get(URL).status_code == 302
