"""Fixes from the clinic walkthrough on the intake: a stale-version refusal keeps everything
the person entered, consent ticks included."""

from __future__ import annotations

import re
from typing import Any

import pytest

from hipdip.web.accounts.models import Role
from hipdip.web.consultations.selectors import intake_of

from ..factories import ClinicFactory, PatientFactory, StaffFactory
from .helpers import complete_answers
from .test_views import client_for, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> Any:
    clinic = ClinicFactory()

    class W:
        patient = PatientFactory(clinic=clinic)
        coordinator = StaffFactory(clinic=clinic, role=Role.COORDINATOR)

    return W


def _checked(body: str, name: str) -> bool:
    tag = re.search(rf'<input type="checkbox" name="{name}"[^>]*>', body)
    return tag is not None and " checked" in tag.group(0)


@pytest.mark.parametrize("action", ["submit", "save"])
def test_a_stale_intake_keeps_the_consent_ticks_and_every_answer(w: Any, action: str) -> None:
    coordinator = client_for(w.coordinator)
    coordinator.post(f"/patients/{w.patient.pk}/intake/autosave/", {"version": "0", "goals": "A"})
    answers = {**complete_answers(), "goals": "Smoother hips, typed by me"}
    response = client_for(w.patient.user).post(
        f"/patients/{w.patient.pk}/intake/", form_data(answers, 0, action)
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert _checked(body, "confirm_true") and _checked(body, "consent_care")
    assert "Smoother hips, typed by me" in body and "Fish oil capsules" in body
    current = intake_of(w.patient)
    assert current is not None and current.answers["goals"] == "A"  # nothing overwritten
    assert f'name="version" value="{current.version}"' in body  # sending again is possible
    assert "Everything you entered is still below" in body
    assert "Reload the page" not in body


def test_autosave_from_a_stale_page_says_how_to_keep_the_entries(w: Any) -> None:
    coordinator = client_for(w.coordinator)
    coordinator.post(f"/patients/{w.patient.pk}/intake/autosave/", {"version": "0", "goals": "A"})
    response = client_for(w.patient.user).post(
        f"/patients/{w.patient.pk}/intake/autosave/",
        {"version": "0", "goals": "B", "consent_care": "on"},
    )
    assert "Press “Save draft” to keep them" in response.content.decode()
